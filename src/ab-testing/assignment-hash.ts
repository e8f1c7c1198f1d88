/**
 * Deterministic group assignment, bit-for-bit as session-buddy's `assign_user_to_group`:
 * `int(sha256(f"{test_id}:{user_id}".encode()).hexdigest(), 16) % 10000 / 10000.0`, control when
 * below the assignment ratio. The same user lands in the same group here and in session-buddy.
 */
import type { ABGroup } from './ABTestConfig.js';

const BUCKETS = 10_000;
const encoder = new TextEncoder();

/**
 * The user's bucket in [0, 1): the SHA-256 digest of `${testId}:${userId}` (UTF-8) read as a
 * big-endian 256-bit integer, mod 10000, divided by 10000. The mod is taken byte by byte
 * (r = (256·r + byte) mod 10000), exact in doubles, so no precision is lost.
 * @param testId the test's id
 * @param userId the user's id
 * @returns a multiple of 0.0001 in [0, 1)
 * @throws never for well-formed input (uses Web Crypto `crypto.subtle`, global in Node 20 and workers)
 * @example
 * await assignmentBucket(1, 'user-0001'); // 0.517 (→ treatment at ratio 0.5, as stored in sample.db)
 */
export async function assignmentBucket(testId: number, userId: string): Promise<number> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${testId}:${userId}`)));
  let r = 0;
  for (const byte of digest) r = (r * 256 + byte) % BUCKETS;
  return r / BUCKETS;
}

/**
 * The group for a bucket: control when `bucket < ratio`, as upstream.
 * @param bucket from {@link assignmentBucket}
 * @param ratio the control share stored in `ab_test_configs.assignment_ratio`
 * @returns 'control' or 'treatment'
 * @example groupForBucket(0.4999, 0.5) // 'control'
 */
export function groupForBucket(bucket: number, ratio: number): ABGroup {
  return bucket < ratio ? 'control' : 'treatment';
}

/**
 * The group session-buddy assigns a user to.
 * @param testId the test's id
 * @param userId the user's id
 * @param ratio the control share
 * @returns 'control' or 'treatment'
 * @example await assignedGroup(1, 'user-0002', 0.5) // 'control' (bucket 0.1395)
 */
export async function assignedGroup(testId: number, userId: string, ratio: number): Promise<ABGroup> {
  return groupForBucket(await assignmentBucket(testId, userId), ratio);
}
