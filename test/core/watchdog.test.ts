/**
 * The stages after the parse look at the clock (issue 13 §1): the block features and models, the
 * line model and its sequence decision, the build of the document, its images and the count of
 * its words. Each is given an input read with a live watchdog, then a watchdog whose budget is
 * spent: it must stop with TIME_BUDGET_EXCEEDED naming its stage, not run to its end (a page of a
 * million blocks spent seconds in each of them, past the budget plus one second).
 */
import { describe, expect, it } from 'vitest';
import { article } from './helpers.js';
import { readHtmlPage } from '../../src/core/html/page.js';
import { preparePage } from '../../src/core/classifier/content-root.js';
import { metadataCopies } from '../../src/core/classifier/rules.js';
import { MODEL_DECISION, classifyHtmlBlocks } from '../../src/core/classifier/index.js';
import { Trees } from '../../src/core/classifier/trees.js';
import { storedBlockModels, type BlockModelFile } from '../../src/core/classifier/model-file.js';
import blockModelFile from '../../src/core/classifier/block-model.json' with { type: 'json' };
import { blockFeatures, titleAnchor } from '../../src/core/classifier/features.js';
import { decideBlocks } from '../../src/core/classifier/decide.js';
import { buildDocument } from '../../src/core/document.js';
import { bodyImages } from '../../src/core/images.js';
import { resolveOptions } from '../../src/core/options.js';
import type { Metadata } from '../../src/core/metadata.js';
import type { Source } from '../../src/core/schema.js';
import { bodyProbabilities, committedLineModels, decideTextLines, featuresOfLines, readTextLines } from '../../src/core/text/lines.js';
import { decodeStates } from '../../src/core/text/sequence.js';
import { reviseTextBlocks } from '../../src/core/text/revise.js';
import { CLOCK_CHECKS, Watchdog } from '../../src/core/watchdog.js';
import { countWords } from '../../src/core/words.js';

const BLOCK_MODELS = (() => {
  const file = storedBlockModels(blockModelFile as unknown as BlockModelFile);
  return { body: new Trees(file.body), segment: new Trees(file.segment) };
})();

const live = (): Watchdog => new Watchdog(60_000);
const spent = (): Watchdog => new Watchdog(-1);

function stopsAt(stage: string, run: () => unknown): void {
  expect(run).toThrow(expect.objectContaining({ code: 'TIME_BUDGET_EXCEEDED', message: expect.stringContaining(stage) as unknown }));
}

const PARAGRAPHS = [
  'The city council approved the new cycling plan on Tuesday after a four-hour debate that ran late into the night.',
  'Under the plan, twelve kilometres of protected lanes will be built along the river by the end of next year.',
  'Shop owners on the main street had opposed the loss of parking spaces, but the council found room for a garage.',
];

describe('the stages of an HTML page after the walk', () => {
  const options = resolveOptions({});
  const html = article([...PARAGRAPHS, '<img src="/ferry.jpg" width="800" height="600" alt="The ferry">', ...PARAGRAPHS.map((p) => `${p} Again.`)]);
  const { walked, meta, echoes } = readHtmlPage(html, live(), options);
  const { blocks, containers } = walked;
  const prepared = preparePage(blocks, containers, echoes.titles);
  const lifted = metadataCopies(blocks, echoes);
  const input = { blocks, containers, prepared, language: meta.language, pageTypes: meta.pageTypes, titleBlock: titleAnchor(blocks, lifted) };
  const features = blockFeatures(input);
  const classified = classifyHtmlBlocks({ blocks, containers, echoes, language: meta.language, pageTypes: meta.pageTypes }, { classification: options.classification, minBodyProbability: null, explain: false }, live());

  it('the block features and the block models', () => {
    stopsAt('block features', () => blockFeatures({ ...input, watchdog: spent() }));
    stopsAt('block models', () => decideBlocks({ blocks, containers, prepared, features }, lifted, BLOCK_MODELS, MODEL_DECISION, spent()));
  });

  it('the build of the document, its images and its words', () => {
    const parts = { classified, metadata: {} as Metadata, source: {} as Source, pipelineVersion: 'test', processedAt: '2024-03-01T12:00:00.000Z', explain: false, images: walked.images };
    expect(buildDocument(parts).images).toHaveLength(1);
    stopsAt('building the document', () => buildDocument({ ...parts, watchdog: spent() }));
    stopsAt('images', () => bodyImages(classified, walked.images, new Int32Array(classified.length + 1), (href) => href, spent()));
    const words = 'ferry '.repeat(CLOCK_CHECKS.wordsPerCheck);
    expect(countWords(words)).toBe(CLOCK_CHECKS.wordsPerCheck);
    stopsAt('counting the words', () => countWords(words, spent()));
    stopsAt('counting the words', () => countWords('渡轮恢复服务'.repeat(10), spent()));
  });
});

describe('the stages of a plain-text scrape after its lines are read', () => {
  const text = ['Harbour ferry resumes', '', ...PARAGRAPHS, '', 'Home | News | Contact'].join('\n');
  const { lines } = readTextLines(text, live());
  const models = committedLineModels();

  it('the line model, its sequence decision and the revision of the rules', () => {
    stopsAt('line model', () => decideTextLines(lines, models, spent()));
    stopsAt('line model', () => bodyProbabilities(featuresOfLines(lines), models.body, spent()));
    const many = CLOCK_CHECKS.linesPerCheck + 1;
    stopsAt('sequence decision', () => decodeStates(new Float64Array(many).fill(0.5), new Uint8Array(many), models.sequence, models.decision, spent()));
    stopsAt('revising', () => reviseTextBlocks([...lines.rules], lines.lifted, spent()));
  });
});
