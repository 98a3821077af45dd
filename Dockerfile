# syntax=docker/dockerfile:1
# One image definition, two targets: `web` (Next.js app) and `worker` (the check fleet).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` honours package-lock.json; `npm ci` rejects its missing other-platform optional entries.
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
# Inside a container the published port is the way in: listen on every interface (the app's own
# default is loopback). Workers' /metrics follow the same setting.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 LISTEN_HOST=0.0.0.0
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER node

FROM runtime AS worker
CMD ["node_modules/.bin/tsx", "worker/main.ts"]

FROM runtime AS web
COPY --from=build --chown=node /app/.next ./.next
EXPOSE 3000
# Migrations are idempotent; running them at start keeps a fresh `docker compose up` a single step.
# server.ts: Next behind the lean /ping ingest and the status-page response cache, on one port.
CMD ["sh", "-c", "node_modules/.bin/tsx scripts/migrate.ts && PORT=3000 exec node_modules/.bin/tsx server.ts"]
