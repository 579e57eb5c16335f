/**
 * The four segment classes (../shared/SEGMENTS.md). Kept apart from the zod schema so that code
 * shipped in the Lambda bundle can use them without pulling zod in.
 */
export const SEGMENT_TYPES = ['body', 'caption', 'ad', 'legal'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];
