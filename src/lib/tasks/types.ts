export const FAMILIES = ['arithmetic', 'coin', 'letters'] as const;
export type Family = (typeof FAMILIES)[number];

export interface Problem {
  family: Family;
  question: string;
  /** The gold answer in canonical form: digits, `yes`/`no`, or lowercase letters. */
  answer: string;
  /** Reasoning steps the problem needs: operations, people, or words. */
  steps: number;
  /** Several distinct correct rationales, each ending in the answer sentence. */
  rationales: string[];
}

export interface GenerateOptions {
  /** Use only names held out of training (for evaluation on unseen names). */
  heldOut?: boolean;
  /** Force the number of steps, where the family allows it. */
  steps?: number;
  /**
   * Training only: the share of names and words replaced by random letter strings. A student that has only seen
   * a fixed list learns to recall words instead of copying them, and then misspells names it has never seen.
   */
  randomWords?: number;
  /** Training only: the share of letter-task words blended from the heads and tails of two known words. */
  blendedWords?: number;
  /**
   * Training only: the share of arithmetic's people given random names. With names from a fixed list only, the
   * student took a question opening with an unseen name for a letters problem.
   */
  randomNames?: number;
  /** Training only: the tokenizer's letter pieces, from which half of the random words are built. */
  wordPieces?: readonly string[];
  /**
   * Training only: the share of one- and two-step word problems in worksheet wordings (stories/worksheet.ts):
   * numbers in the question, lengths and ages, crowds coming and going.
   */
  worksheet?: number;
  /**
   * Training only: the share of word problems, of one to three steps, in stage 13's worksheet wordings
   * (stories/worksheetMore.ts, worksheetThree.ts): factors read backwards, three tallies, rates over time.
   */
  worksheetMore?: number;
  /**
   * Training only: the share of word problems in stage 14's wordings (stories/worksheetWide.ts): units stated first,
   * prices together, how much more is needed, rows full and seats empty, two priced purchases.
   */
  worksheetWide?: number;
  /**
   * Training only: the share of word problems in stage 15's wordings (stories/worksheetJoin.ts): two changes joined
   * in one sentence, groups pooled then changed, a rate towards a goal, change from a payment, seats with no-shows.
   */
  worksheetJoin?: number;
  /**
   * Training only: the share of word problems in stage 16's wordings (stories/worksheetEach.ts): people at each
   * table, containers filled, a rate over a week, "and her 3 friends", hours on two days, vans needed, costs split.
   */
  worksheetEach?: number;
}

export function answerSentence(answer: string): string {
  return `The answer is ${answer}.`;
}
