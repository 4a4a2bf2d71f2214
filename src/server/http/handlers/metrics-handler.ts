/** `GET /metrics`: Prometheus text exposition of Pharlux's self-metrics. */
import { renderPrometheusText } from '../../metrics/index.ts';
import type { RouteContext } from '../route-context.ts';

export function handleMetrics(ctx: RouteContext): Response {
  return new Response(renderPrometheusText(ctx.services.api.metrics.collect()), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
  });
}
