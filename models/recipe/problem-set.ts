export interface QA {
  question: string;
  answer: string;
  /** Calculations the problem needs, where the set says: the report breaks accuracy down by it. */
  steps: number | null;
}

/** Reads `{"question": …, "answer": …}` lines; names the first bad line instead of failing silently. */
export function readProblemSet(text: string): QA[] {
  const out: QA[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    if (typeof row !== 'object' || row === null) throw new Error(`line ${i + 1}: not an object`);
    const { question, answer, steps } = row as Record<string, unknown>;
    if (typeof question !== 'string' || question.trim() === '')
      throw new Error(`line ${i + 1}: "question" must be a non-empty string`);
    if (typeof answer !== 'string' && typeof answer !== 'number')
      throw new Error(`line ${i + 1}: "answer" must be a string or number`);
    if (steps !== undefined && !(typeof steps === 'number' && Number.isInteger(steps) && steps >= 0))
      throw new Error(`line ${i + 1}: "steps" must be a whole number`);
    out.push({ question, answer: String(answer), steps: steps ?? null });
  });
  if (out.length === 0) throw new Error('the problem set is empty');
  return out;
}
