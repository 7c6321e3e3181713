import * as z from 'zod';

/** RFC 9457 problem details, the body of every error the API returns. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  /** On 412: the resource as it is now, so the client can re-apply its change. */
  current: z.unknown().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
