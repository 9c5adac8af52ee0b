# syntax=docker/dockerfile:1
#
# Huikuan (回款): one image for the cms, flows and worker services of docker-compose.yml.
# 一个镜像，供 docker-compose.yml 中的 cms、flows、worker 三个服务共用。
#
#   docker build -t huikuan/app:local .
#
# Stage "build" installs every workspace with the lock file, compiles the TypeScript packages and
# builds the Strapi admin panel. Stage "runtime" gets the result without the compilers.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app

# better-sqlite3 (the cms's SQLite driver, unused when DATABASE_URL is set) falls back to a source
# build when no prebuilt binary can be fetched, and node-gyp needs these.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

# Manifests first, so `npm ci` is cached until a package.json or the lock file changes.
COPY package.json package-lock.json ./
COPY config/package.json config/
COPY plugins/collections/package.json plugins/collections/
COPY flows/nodes/package.json flows/nodes/
COPY flows/package.json flows/
COPY cms/package.json cms/
COPY admin/package.json admin/
RUN npm ci --no-audit --no-fund

COPY . .
ENV NODE_ENV=production \
  STRAPI_TELEMETRY_DISABLED=true
# 1. TypeScript packages and the cms (root `build` script).
# 2. The Node-RED nodes' editor files (.html, locales/) next to their compiled .js: `tsc -b`
#    does not copy them, the package's own build script does.
RUN npm run build && npm run build -w @huikuan/node-red-nodes

# 3. The Strapi admin panel into cms/dist/build. `strapi build` loads cms/config, which refuses to
#    run in production without its secrets (cms/config/secrets.ts). The admin bundle embeds none of
#    them, so placeholders scoped to this one command do; the real values come at run time.
RUN APP_KEYS=build-only-placeholder \
  ADMIN_JWT_SECRET=build-only-placeholder \
  API_TOKEN_SALT=build-only-placeholder \
  TRANSFER_TOKEN_SALT=build-only-placeholder \
  ENCRYPTION_KEY=build-only-placeholder \
  JWT_SECRET=build-only-placeholder \
  npm run build:admin -w cms

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  STRAPI_TELEMETRY_DISABLED=true
WORKDIR /app

# devDependencies stay in: `npm prune --omit=dev` has not been tried against `strapi start` yet.
COPY --from=build --chown=node:node /app /app

USER node
# Mount points of the compose volumes, created here so they belong to the node user.
RUN mkdir -p var/node-red var/outbox cms/public/uploads

EXPOSE 1337 1880
# The default command is the cms; docker-compose.yml sets each service's own. Strapi runs
# directly, not through `npm run start -w cms`: npm exits on SIGTERM without passing it on, so
# Strapi would be killed with the container instead of shutting down.
CMD ["sh", "-c", "cd cms && exec /app/node_modules/.bin/strapi start"]
