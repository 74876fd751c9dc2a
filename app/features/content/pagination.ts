import { z } from 'zod'

// ?page= from the URL: anything that is not a sensible page number means page 1.
const PageParamSchema = z.coerce.number().int().min(1).max(10_000).catch(1)

export function pageFromRequest(request: Request): number {
  return PageParamSchema.parse(new URL(request.url).searchParams.get('page') ?? 1)
}
