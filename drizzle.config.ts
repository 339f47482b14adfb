import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema.ts", "./db/schema-fairs.ts", "./db/incubator-schema.ts", "./db/schema-service.ts"],
  out: "./db/migrations",
});
