import { useLoaderData } from 'react-router';

/** The framework's floor: a loader, a title, a short list, no queries, no translation, no session. */
export function loader() {
  return { title: '工会服务采购平台', items: Array.from({ length: 10 }, (_, i) => `项目 ${i + 1}`) };
}

export default function Home() {
  const { title, items } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>{title}</h1>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </main>
  );
}
