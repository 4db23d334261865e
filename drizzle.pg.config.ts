import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL migrations (`npm run db:generate:pg`), generated from db/pg/schema.ts, the mirror of db/schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
  casing: 'snake_case',
});
