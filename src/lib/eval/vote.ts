/**
 * Self-consistency's vote (Wang et al. 2022): several sampled chains each give an answer, and the answer
 * given most often wins. Answers arrive already normalized (extractAnswer), so "1,000" and "1000" count as one.
 */

export interface Tally {
  answer: string;
  votes: number;
}

export interface Vote {
  /** Every answer given, most votes first; equal counts keep the order the chains first gave them. */
  tallies: Tally[];
  /** The winner; null when no chain gave an answer. */
  majority: string | null;
  /** The winner shares the top count with another answer: it won only by being given first. */
  tie: boolean;
  /** Chains that ended without an answer: they vote for nothing. */
  noAnswer: number;
}

export function vote(answers: readonly (string | null)[]): Vote {
  const counts = new Map<string, number>();
  let noAnswer = 0;
  for (const a of answers) {
    if (a === null) noAnswer += 1;
    else counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  // Map keeps insertion order and the sort is stable, so ties stay in the order the chains gave them.
  const tallies = [...counts].map(([answer, votes]) => ({ answer, votes })).sort((a, b) => b.votes - a.votes);
  const [first, second] = tallies;
  return {
    tallies,
    majority: first?.answer ?? null,
    tie: first !== undefined && second !== undefined && second.votes === first.votes,
    noAnswer
  };
}
