import type { Family } from '../tasks/index.ts';

/*
 * The bundled model was trained on three kinds of question only. These patterns are deliberately loose: a
 * question that merely resembles a family is given the benefit of the doubt, and the page only speaks up
 * when a question looks like none of them (a capital city, a poem, code).
 */
const NUMBER_WORDS =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen|half|twice|double)\b/i;
const QUANTITY_QUESTION =
  /\b(how (many|much|old|far|long)|what is|what's|how many more|in total|altogether|left|remain|sum|total|difference)\b/i;
const OPERATION =
  /\d\s*[-+*/×÷x]\s*\d|\b(plus|minus|times|divided|multiplied|add|subtract|more|fewer|less|gave|gives|got|gets|bought|sold|lost|won|each)\b/i;

/** The family a question seems to belong to, or null when it looks like none of the bundled model's. */
export function guessFamily(question: string): Family | null {
  const q = question.trim();
  if (q === '') return null;
  if (/\bcoins?\b/i.test(q) && /\b(heads?|tails?|flip|flips|flipped|reverses?)\b/i.test(q)) return 'coin';
  if (/\blast letters?\b/i.test(q)) return 'letters';
  const hasNumber = /\d/.test(q) || NUMBER_WORDS.test(q);
  if (hasNumber && (QUANTITY_QUESTION.test(q) || OPERATION.test(q))) return 'arithmetic';
  return null;
}

/**
 * The calm sentence shown beside the answers when the bundled model meets a question outside its
 * families; null when the question fits one of them (or there is nothing to judge yet).
 */
export function scopeNotice(question: string): string | null {
  if (question.trim() === '' || guessFamily(question) !== null) return null;
  return (
    'This question looks unlike anything the bundled model was trained on (arithmetic word problems, coin ' +
    'flips, last letters), so expect fluent nonsense from all three modes. For open questions, load a ' +
    'larger model from the Hub under Settings.'
  );
}
