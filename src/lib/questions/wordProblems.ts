/**
 * Word problems written by hand, school-worksheet style, on 2026-12-03 before the stage-8 student was measured;
 * never trained on, and none is from a public benchmark. Of 16 written, the bundled student (stage 10) answers 9
 * right in zero-shot CoT (greedy, q8); the page offers six of those, of different kinds (two steps, groups, a
 * comparison, "times as many", a start unknown, a complement), and tests/integration/bundled-model.test.ts checks
 * that it still answers them.
 */
export const WORD_PROBLEMS: readonly { question: string; answer: string }[] = [
  {
    question:
      'Mom bought 4 bags of oranges with 5 oranges in each bag. The family ate 7 oranges. How many oranges are left?',
    answer: '13'
  },
  { question: 'There are 6 boxes with 8 pencils in each box. How many pencils are there in all?', answer: '48' },
  {
    question: 'Lily has 27 shells. Her brother has 15 shells. How many more shells does Lily have than her brother?',
    answer: '12'
  },
  { question: 'Ben has 3 times as many cards as Max. Max has 8 cards. How many cards does Ben have?', answer: '24' },
  {
    question: 'Sam had some stickers. He gave away 9 and now has 16. How many stickers did he have at first?',
    answer: '25'
  },
  { question: 'A class has 30 students. 17 of them are girls. How many boys are in the class?', answer: '13' }
];
