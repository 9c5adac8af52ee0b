/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Strapi content API base, e.g. https://cms.example.com/api. Baked in at build time. */
  readonly VITE_STRAPI_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
