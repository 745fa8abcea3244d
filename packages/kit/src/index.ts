// The service kit: every Belong service is built from it. See docs/architecture.md.
export * from './auth/index.ts';
export * from './events/index.ts';
export * from './http/index.ts';
export { acceptForms, type PageContext, pageTemplate, sendPage } from './pages/index.ts';
export { type Principal, type Scope, scopes } from './principal.ts';
