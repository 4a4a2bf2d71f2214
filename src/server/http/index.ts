/**
 * http/: the API + UI listener on port 3100. routes.ts is the table of every route
 * (method, path, access, handler); http-server.ts dispatches, enforces access, and adds
 * security and CORS headers; error-response.ts is the one error → status map;
 * handlers/ holds the route handlers, query-output/ the streamed result formats.
 * API.md documents the API. Start reading at routes.ts, then http-server.ts.
 */
export { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './http-server.ts';
export { ROUTES, compileRoutes, principalOf, type HttpServices, type Route, type RouteAccess, type RouteContext } from './routes.ts';
export { errorResponse, httpStatusOf, HttpError } from './error-response.ts';
