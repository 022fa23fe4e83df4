// Preloaded into a production server (`node --import`): loads React's development build first, as
// server.mjs once did by importing React Router before it set NODE_ENV. react-dom then comes up in
// production and no page renders, which /healthz must report.
import { createRequire } from 'node:module';

process.env.NODE_ENV = 'development';
createRequire(import.meta.url)('react');
process.env.NODE_ENV = 'production';
