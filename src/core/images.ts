/**
 * The images of the body: of the images the walk met, those that belong to the text kept as
 * body. An image is in the body when its caption was kept (as caption or body), or when the
 * text on both sides of it, chrome aside, is body or caption: a picture between two paragraphs
 * of the story. Icons and tracking pixels (both sides under MIN_BODY_IMAGE_PIXELS) are not,
 * nor a second copy of the same picture (a gallery and its lightbox).
 */
import type { Classified } from './classify.js';
import { MIN_BODY_IMAGE_PIXELS } from './cues/structure.js';
import type { WalkImage } from './html/walk.js';

export interface BodyImage {
  readonly src: string;
  readonly alt: string;
  readonly caption: string | null;
  /** Index of the segment the image comes before (the number of segments when it comes last). */
  readonly segment: number;
}

const KEPT_AROUND: ReadonlySet<string> = new Set(['body', 'caption']);

function isIcon(image: WalkImage): boolean {
  return image.width !== null && image.height !== null && image.width < MIN_BODY_IMAGE_PIXELS && image.height < MIN_BODY_IMAGE_PIXELS;
}

/** `segmentBefore[i]`: the number of segments made from the blocks before block i (length: blocks + 1). */
export function bodyImages(
  classified: readonly Classified[],
  images: readonly WalkImage[],
  segmentBefore: Int32Array,
  resolve: (href: string) => string | null,
): BodyImage[] {
  const out: BodyImage[] = [];
  const seen = new Set<string>();
  const captionOf = (image: WalkImage): string | null => {
    const range = image.caption ?? (classified[image.before]?.block.afterImage ? { start: image.before, end: image.before + 1 } : null);
    if (range === null) return null;
    const parts: string[] = [];
    for (let i = range.start; i < range.end && i < classified.length; i++) {
      const item = classified[i]!;
      // A figcaption's text counts whatever class it got but chrome; text after a bare image only as a caption.
      if (item.type === 'caption' || (image.caption !== null && item.type === 'body')) parts.push(item.block.text);
    }
    return parts.length > 0 ? parts.join(' ') : null;
  };
  const neighbour = (from: number, step: 1 | -1): string | null => {
    for (let i = from; i >= 0 && i < classified.length; i += step) if (classified[i]!.type !== 'chrome') return classified[i]!.type;
    return null;
  };
  for (const image of images) {
    if (image.src === null || isIcon(image)) continue;
    const caption = captionOf(image);
    const before = neighbour(image.before - 1, -1);
    const after = neighbour(image.before, 1);
    if (caption === null && !(before !== null && after !== null && KEPT_AROUND.has(before) && KEPT_AROUND.has(after))) continue;
    const src = resolve(image.src);
    if (src === null || seen.has(src)) continue;
    seen.add(src);
    out.push({ src, alt: image.alt, caption, segment: segmentBefore[Math.min(image.before, classified.length)]! });
  }
  return out;
}
