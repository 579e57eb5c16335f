/**
 * The shell commands of a Markdown file's code blocks, as `npm run test:readme` runs them.
 *
 * A block is run when its fence says `sh`, `bash` or `shell`; `text`, `json` and the others are
 * output or data. A command is a line of the block, with the lines it continues (a trailing
 * backslash) joined to it; blank lines and comment lines are not commands.
 *
 * A block is marked by an HTML comment on the line just before its fence (invisible on GitHub):
 *
 *   <!-- readme-test: aws -->                        needs an AWS account and credentials:
 *                                                    listed as skipped, never run
 *   <!-- readme-test: background until="<text>" --> one long-running command (a server): started
 *                                                    in the background, ready once its output
 *                                                    shows <text>, stopped after the last command
 *
 * A command that reads `../shared` (the development corpus beside the clone) runs only where it
 * is there; one that calls an optional external tool (EXTERNAL_TOOLS) only where that is
 * installed. Both are otherwise skipped, saying why.
 */

/** Tools a README command may call that a machine may lack: the command is skipped, saying so, without them. */
export const EXTERNAL_TOOLS = ['aws', 'jq'] as const;

const RUN_LANGUAGES = new Set(['sh', 'bash', 'shell']);
const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;

export type BlockMode = { readonly kind: 'run' } | { readonly kind: 'aws' } | { readonly kind: 'background'; readonly until: string };

export interface ReadmeCommand {
  /** The command as written (continuation lines joined with their backslash and newline). */
  readonly text: string;
  /** 1-based line of the Markdown file where it starts. */
  readonly line: number;
  /** 0-based index of its code block among the runnable ones. */
  readonly block: number;
  readonly mode: BlockMode;
  /** Reads the development corpus beside the clone. */
  readonly needsShared: boolean;
  /** External tools it calls (first word of a pipeline stage), from EXTERNAL_TOOLS. */
  readonly tools: readonly string[];
}

export class ReadmeFormatError extends Error {}

function parseMarker(body: string, line: number): BlockMode {
  if (body === 'aws') return { kind: 'aws' };
  const background = /^background\s+until="([^"]+)"$/.exec(body);
  if (background) return { kind: 'background', until: background[1]! };
  throw new ReadmeFormatError(`line ${line}: unknown readme-test marker "${body}" (expected aws, or background until="<text>")`);
}

/** First words of the stages of a command (`a | b && c; d`), for the external-tool check. */
function commandWords(text: string): string[] {
  return text
    .split(/\|\|?|&&|;|\$\(|`/)
    .map((stage) => stage.trim().replace(/^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*/, '').split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

export function extractCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const commands: ReadmeCommand[] = [];
  let block = -1;
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, language] = open;
    const fenceLine = i + 1;
    // The marker: the nearest non-blank line above the fence.
    let above = i - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const marker = above >= 0 ? MARKER.exec(lines[above]!.trim()) : null;
    // The block's body, up to the closing fence of the same kind.
    const body: Array<{ text: string; line: number }> = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence![0] === '`' ? '`' : '~'}{${fence!.length},}\\s*$`);
      if (close.test(lines[j]!)) break;
      body.push({ text: lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!.trimStart(), line: j + 1 });
    }
    if (j === lines.length) throw new ReadmeFormatError(`line ${fenceLine}: code block never closed`);
    const runnable = RUN_LANGUAGES.has(language!.toLowerCase());
    if (marker && !runnable) throw new ReadmeFormatError(`line ${above + 1}: a readme-test marker above a "${language}" block, which is not run`);
    i = j;
    if (!runnable) continue;
    block++;
    const mode = marker ? parseMarker(marker[1]!, above + 1) : ({ kind: 'run' } as const);
    const found: ReadmeCommand[] = [];
    for (let k = 0; k < body.length; k++) {
      const first = body[k]!;
      if (first.text.trim() === '' || first.text.trim().startsWith('#')) continue;
      let text = first.text;
      while (/\\$/.test(text) && k + 1 < body.length) text += '\n' + body[++k]!.text;
      const tools = [...new Set(commandWords(text).filter((word) => (EXTERNAL_TOOLS as readonly string[]).includes(word)))];
      found.push({ text, line: first.line, block, mode, needsShared: /(^|[\s"'=])\.\.\/shared\b/.test(text), tools });
    }
    if (mode.kind === 'background' && found.length !== 1) {
      throw new ReadmeFormatError(`line ${fenceLine}: a background block holds exactly one command (found ${found.length})`);
    }
    commands.push(...found);
  }
  return commands;
}
