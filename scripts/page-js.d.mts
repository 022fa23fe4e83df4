export function pageJavaScript(html: string): { files: number; inline: number; gzip: number };
