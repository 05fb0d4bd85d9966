/**
 * Word problems written by hand, school-worksheet style, on 2026-12-03 before the stage-8 student was measured;
 * never trained on, and none is from a public benchmark. Of 16 written, the bundled student answered 9 right in
 * zero-shot CoT (greedy, q8); the page offers six of those, of different kinds (two steps, groups, a comparison, a
 * price, a complement), and tests/integration/bundled-model.test.ts checks that it still answers them.
 */
export const WORD_PROBLEMS: readonly { question: string; answer: string }[] = [
  {
    question: 'A baker made 24 muffins in the morning and 18 in the afternoon. She sold 30. How many are left?',
    answer: '12'
  },
  { question: 'There are 6 boxes with 8 pencils in each box. How many pencils are there in all?', answer: '48' },
  {
    question: 'Lily has 27 shells. Her brother has 15 shells. How many more shells does Lily have than her brother?',
    answer: '12'
  },
  { question: 'Pens cost $3 each. How much do 7 pens cost?', answer: '21' },
  { question: 'A class has 30 students. 17 of them are girls. How many boys are in the class?', answer: '13' },
  {
    question:
      'Mom bought 4 bags of oranges with 5 oranges in each bag. The family ate 7 oranges. How many oranges are left?',
    answer: '13'
  }
];
