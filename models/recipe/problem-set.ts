export interface QA {
  question: string;
  answer: string;
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
    const { question, answer } = row as Record<string, unknown>;
    if (typeof question !== 'string' || question.trim() === '')
      throw new Error(`line ${i + 1}: "question" must be a non-empty string`);
    if (typeof answer !== 'string' && typeof answer !== 'number')
      throw new Error(`line ${i + 1}: "answer" must be a string or number`);
    out.push({ question, answer: String(answer) });
  });
  if (out.length === 0) throw new Error('the problem set is empty');
  return out;
}
