import type { Config } from '@react-router/dev/config';

// The floor with the product's route table (app/routes.ts) builds beside the plain one.
export default {
  ssr: true,
  buildDirectory: process.env.FLOOR_ROUTES === 'app' ? 'build-routes' : 'build',
} satisfies Config;
