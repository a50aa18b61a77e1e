/**
 * API paths of review sessions. Kept beside the feature (lib/paths.ts is shared); they could
 * move into apiPaths there.
 */
const enc = encodeURIComponent;

export const sessionApiPaths = {
  list: () => '/api/review-sessions',
  candidates: () => '/api/review-sessions/candidates',
  session: (id: string) => `/api/review-sessions/${enc(id)}`,
  items: (id: string) => `/api/review-sessions/${enc(id)}/items`,
  item: (id: string, itemId: string) => `/api/review-sessions/${enc(id)}/items/${enc(itemId)}`,
  order: (id: string) => `/api/review-sessions/${enc(id)}/items/order`,
  start: (id: string) => `/api/review-sessions/${enc(id)}/start`,
  complete: (id: string) => `/api/review-sessions/${enc(id)}/complete`,
  summary: (id: string) => `/api/review-sessions/${enc(id)}/summary`,
} as const;
