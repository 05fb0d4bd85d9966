/**
 * Questions as some published collections print them: tokenized text, with a space before every full stop, comma and
 * question mark, and "$ 3" for "$3". The student sees these slips in a few percent of its training questions
 * (corpus.ts `perturb`); `eval.ts --collection-style` asks every question this way, to measure how much of a
 * figure survives text that was written well but printed badly. Deterministic, so a set reads the same every run.
 */
export function collectionStyle(question: string): string {
  return question.replace(/\$(\d)/g, '$ $1').replace(/(\S)([.,?!])(?=\s|$)/g, '$1 $2');
}
