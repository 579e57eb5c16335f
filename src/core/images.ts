/**
 * The images of the body: of the images the walk met, those that belong to the text kept as
 * body. An image is in the body when its caption was kept (as caption or body), or when the
 * text on both sides of it, chrome aside, is body or caption: a picture between two paragraphs
 * of the story; or when it is the lead image, between the headline (or byline, dateline) and the
 * first body text (LEAD_IMAGE). Icons and tracking pixels (both sides under MIN_BODY_IMAGE_PIXELS)
 * are not, nor a second copy of the same picture (a gallery and its lightbox).
 */
import type { Classified } from './classifier/classes.js';
import { LEAD_IMAGE, MIN_BODY_IMAGE_PIXELS } from './cues/structure.js';
import type { WalkImage } from './html/walk.js';
import { CLOCK_CHECKS, type Watchdog } from './watchdog.js';

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

/**
 * For every block, the nearest block at or before it (`before`) and at or after it (`after`) that
 * is not chrome, or -1: one pass each way, so placing an image costs the same after a run of a
 * million chrome blocks (looking for the neighbours from every image was quadratic).
 */
function keptNeighbours(classified: readonly Classified[]): { before: Int32Array; after: Int32Array } {
  const after = new Int32Array(classified.length);
  let kept = -1;
  for (let i = classified.length - 1; i >= 0; i--) after[i] = kept = classified[i]!.type === 'chrome' ? kept : i;
  return { before: nearestBefore(classified, isKept), after };
}

/** For every block, the nearest block at or before it that `counts`, or -1: one pass. */
function nearestBefore(classified: readonly Classified[], counts: (item: Classified) => boolean): Int32Array {
  const before = new Int32Array(classified.length);
  let found = -1;
  for (let i = 0; i < classified.length; i++) before[i] = found = counts(classified[i]!) ? i : found;
  return before;
}

const isKept = (item: Classified): boolean => item.type !== 'chrome';

const isMetadataCopy = (item: Classified): boolean => item.cues[0]?.startsWith('metadata:') === true;

/** A file's name without its extension and size variant's suffix ("ferry-768x435.jpg" -> "ferry"), lower-cased; '' when none. */
function pictureName(address: string): string {
  const path = address.split(/[?#]/, 1)[0]!.replace(/\/+$/, '');
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return (dot > 0 ? file.slice(0, dot) : file).replace(LEAD_IMAGE.sizeSuffix, '').toLowerCase();
}

/** `segmentBefore[i]`: the number of segments made from the blocks before block i (length: blocks + 1); `statedImage`, the page's (metadata image). */
export function bodyImages(
  classified: readonly Classified[],
  images: readonly WalkImage[],
  segmentBefore: Int32Array,
  resolve: (href: string) => string | null,
  watchdog?: Watchdog,
  statedImage: string | null = null,
): BodyImage[] {
  const out: BodyImage[] = [];
  if (images.length === 0) return out;
  const seen = new Set<string>();
  // The images of one figure share its caption: it is read once (a figure of many images and a long caption was quadratic).
  const figureCaptions = new Map<string, string | null>();
  const captionOf = (image: WalkImage): string | null => {
    const range = image.caption ?? (classified[image.before]?.block.afterImage ? { start: image.before, end: image.before + 1 } : null);
    if (range === null) return null;
    const key = image.caption === null ? null : `${range.start}:${range.end}`;
    if (key !== null && figureCaptions.has(key)) return figureCaptions.get(key)!;
    const parts: string[] = [];
    for (let i = range.start; i < range.end && i < classified.length; i++) {
      const item = classified[i]!;
      // A figcaption's text counts whatever class it got but chrome; text after a bare image only as a caption.
      if (item.type === 'caption' || (image.caption !== null && item.type === 'body')) parts.push(item.block.text);
    }
    const caption = parts.length > 0 ? parts.join(' ') : null;
    if (key !== null) figureCaptions.set(key, caption);
    return caption;
  };
  const kept = keptNeighbours(classified);
  let leadAnchors: Int32Array | null = null;
  const statedName = statedImage === null ? '' : pictureName(statedImage);
  // The lead image: no caption, the headline (byline, dateline) before it and body after it, chrome aside; the page's stated
  // image, or a picture of LEAD_IMAGE.minPixels that is no link (an author's photo, an avatar, a badge are smaller).
  const isLead = (image: WalkImage, src: string, after: string | null): boolean => {
    if (after !== 'body' || image.before < 1 || image.before > classified.length) return false;
    // The nearest block before it that is kept or a copy of the metadata (the headline, byline or dateline the document lifted).
    leadAnchors ??= nearestBefore(classified, (item) => isKept(item) || isMetadataCopy(item));
    const anchor = leadAnchors[image.before - 1]!;
    if (anchor === -1 || classified[anchor]!.type !== 'chrome') return false;
    if (statedName !== '' && pictureName(src) === statedName) return true;
    return !image.linked && image.width !== null && image.height !== null && image.width >= LEAD_IMAGE.minPixels && image.height >= LEAD_IMAGE.minPixels;
  };
  const neighbour = (at: number, nearest: Int32Array): string | null => {
    const index = at >= 0 && at < classified.length ? nearest[at]! : -1;
    return index === -1 ? null : classified[index]!.type;
  };
  for (let i = 0; i < images.length; i++) {
    if (i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog?.check('placing the images of the body');
    const image = images[i]!;
    if (image.src === null || isIcon(image)) continue;
    const caption = captionOf(image);
    const before = neighbour(image.before - 1, kept.before);
    const after = neighbour(image.before, kept.after);
    const src = resolve(image.src);
    if (src === null || seen.has(src)) continue;
    if (caption === null && !(before !== null && after !== null && KEPT_AROUND.has(before) && KEPT_AROUND.has(after)) && !isLead(image, src, after)) continue;
    seen.add(src);
    out.push({ src, alt: image.alt, caption, segment: segmentBefore[Math.min(image.before, classified.length)]! });
  }
  return out;
}
