import { describe, expect, it } from 'vitest';
import { arrayElementLines, detectFormat, parseCsv, parseProblemSet } from '$lib/eval/parse.ts';
import { SET_LIMITS } from '$lib/eval/sets.ts';

function errorsOf(text: string, name?: string): string[] {
  const r = parseProblemSet(text, name);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

function itemsOf(text: string, name?: string) {
  const r = parseProblemSet(text, name);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.set.items;
}

describe('detectFormat', () => {
  it('trusts the extension', () => {
    expect(detectFormat('[', 'a.csv')).toBe('csv');
    expect(detectFormat('q,a', 'a.JSON')).toBe('json');
    expect(detectFormat('{}', 'a.jsonl')).toBe('jsonl');
    expect(detectFormat('{}', 'a.ndjson')).toBe('jsonl');
  });
  it('sniffs pasted text', () => {
    expect(detectFormat('  [{"question":"x"}]', 'pasted')).toBe('json');
    expect(detectFormat('{"question":"x"}\n', 'pasted')).toBe('jsonl');
    expect(detectFormat('question,answer', 'pasted')).toBe('csv');
  });
});

describe('parseProblemSet: JSON', () => {
  it('reads question and answer, with optional steps and family', () => {
    const items = itemsOf('[{"question":"What is 2+2?","answer":"4","steps":1,"family":"arithmetic"}]');
    expect(items).toEqual([{ id: 'line 1', question: 'What is 2+2?', gold: '4', family: 'arithmetic', steps: 1 }]);
  });
  it('accepts "gold" for the answer and numbers as answers', () => {
    expect(itemsOf('[{"question":"q","gold":7}]')[0]?.gold).toBe('7');
  });
  it('names the line of each item in a multi-line file', () => {
    const text = '[\n  {"question": "a", "answer": "1"},\n  {"question": "", "answer": "2"}\n]';
    expect(errorsOf(text)).toEqual(['line 3: the question is missing or empty']);
  });
  it('reports the line of a syntax error', () => {
    const errors = errorsOf('[\n{"question": "a", "answer": "1"},\n{"question": "b" "answer": "2"}\n]');
    expect(errors[0]).toMatch(/^line 3: not valid JSON/);
  });
  it('refuses a top-level object', () => {
    expect(errorsOf('{"question":"a","answer":"b"}', 'x.json')[0]).toMatch(/must be a list/);
  });
  it('refuses non-object items', () => {
    expect(errorsOf('[1, "two"]')).toEqual([
      'line 1: expected an object with "question" and "answer"',
      'line 1: expected an object with "question" and "answer"'
    ]);
  });
  it('ignores __proto__ and unknown keys without touching prototypes', () => {
    const items = itemsOf('[{"__proto__":{"polluted":true},"question":"q","answer":"a","extra":1}]');
    expect(items).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('does not read inherited keys', () => {
    expect(errorsOf('[{"constructor":"x","answer":"a"}]')).toEqual(['line 1: the question is missing or empty']);
  });
  it('checks steps and family', () => {
    expect(errorsOf('[{"question":"q","answer":"a","steps":0}]')[0]).toMatch(/steps must be a whole number/);
    expect(errorsOf('[{"question":"q","answer":"a","steps":2.5}]')[0]).toMatch(/steps/);
    expect(errorsOf('[{"question":"q","answer":"a","family":"chess"}]')[0]).toMatch(/family must be one of/);
  });
  it('refuses answers that are objects or span lines', () => {
    expect(errorsOf('[{"question":"q","answer":{"a":1}}]')[0]).toMatch(/text or a number/);
    expect(errorsOf('[{"question":"q","answer":"a\\nb"}]')[0]).toMatch(/one line/);
  });
});

describe('parseProblemSet: JSON lines', () => {
  it('reads one object per line and skips blank lines', () => {
    const items = itemsOf('{"question":"a","answer":"1"}\n\n{"question":"b","answer":"2"}\n', 'set.jsonl');
    expect(items.map((i) => i.id)).toEqual(['line 1', 'line 3']);
  });
  it('names a broken line', () => {
    expect(errorsOf('{"question":"a","answer":"1"}\n{oops}\n', 'set.jsonl')).toEqual(['line 2: not valid JSON']);
  });
});

describe('parseProblemSet: CSV', () => {
  it('reads a header and rows, any column order and case', () => {
    const items = itemsOf('Answer,Question,steps\n4,What is 2+2?,1\n', 'set.csv');
    expect(items).toEqual([{ id: 'line 2', question: 'What is 2+2?', gold: '4', family: null, steps: 1 }]);
  });
  it('handles quotes, doubled quotes, commas and line breaks inside fields', () => {
    const text = 'question,answer\n"He said ""hi"", then left.\nHow many words?",5\nnext,6\n';
    const items = itemsOf(text, 'set.csv');
    expect(items[0]?.question).toBe('He said "hi", then left.\nHow many words?');
    expect(items[1]?.id).toBe('line 4');
  });
  it('reads CRLF files and a byte-order mark', () => {
    expect(itemsOf('\uFEFFquestion,answer\r\nq1,1\r\nq2,2\r\n', 'set.csv')).toHaveLength(2);
  });
  it('guesses semicolons and tabs as the delimiter', () => {
    expect(itemsOf('question;answer\nWhat is 1, plus 1?;2\n', 'x.csv')[0]?.question).toBe('What is 1, plus 1?');
    expect(itemsOf('question\tanswer\nWhat is 1, plus 1?\t2\n', 'x.tsv')[0]?.gold).toBe('2');
    expect(itemsOf('question,answer\nWhat is 1; plus 1?,2\n', 'x.csv')[0]?.question).toBe('What is 1; plus 1?');
  });
  it('requires the header to name question and answer', () => {
    expect(errorsOf('q,a\nx,1\n', 'x.csv')[0]).toMatch(/^line 1: the first line must name the columns/);
  });
  it('refuses a repeated column', () => {
    expect(errorsOf('question,answer,answer\nx,1,2\n', 'x.csv')[0]).toBe('line 1: the column "answer" appears twice');
  });
  it('names the line of a row without an answer', () => {
    expect(errorsOf('question,answer\nok,1\nmissing\n', 'x.csv')).toEqual(['line 3: the answer is missing or empty']);
  });
  it('names the line of an unclosed quote', () => {
    expect(errorsOf('question,answer\nok,1\n"never closed,2\n', 'x.csv')).toEqual([
      'line 3: a quoted field is never closed'
    ]);
  });
});

describe('parseProblemSet: limits', () => {
  it('refuses an empty set', () => {
    expect(errorsOf('   ')).toEqual(['the set is empty']);
    expect(errorsOf('[]')).toEqual(['the set has no questions']);
  });
  it('refuses more than the byte limit before parsing', () => {
    const huge = 'x'.repeat(SET_LIMITS.maxBytes + 1);
    expect(errorsOf(huge)[0]).toMatch(/the limit is 1000000/);
  });
  it('refuses a question or answer over its limit', () => {
    const long = 'q'.repeat(SET_LIMITS.maxQuestionChars + 1);
    expect(errorsOf(`question,answer\n${long},1\n`, 'x.csv')[0]).toMatch(/^line 2: the question is 1001 characters/);
    const answer = 'a'.repeat(SET_LIMITS.maxAnswerChars + 1);
    expect(errorsOf(`question,answer\nq,${answer}\n`, 'x.csv')[0]).toMatch(/the answer is 101 characters/);
  });
  it('keeps the first maxItems questions, with a warning', () => {
    const rows = Array.from({ length: SET_LIMITS.maxItems + 5 }, (_, i) => `q${i},${i}`).join('\n');
    const r = parseProblemSet(`question,answer\n${rows}\n`, 'x.csv');
    expect(r.ok && r.set.items.length).toBe(SET_LIMITS.maxItems);
    expect(r.ok && r.warnings).toEqual([
      `kept the first ${SET_LIMITS.maxItems} of ${SET_LIMITS.maxItems + 5} questions`
    ]);
  });
  it('summarises long error lists', () => {
    const rows = Array.from({ length: 30 }, () => 'q,').join('\n');
    const errors = errorsOf(`question,answer\n${rows}\n`, 'x.csv');
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toBe('… and 10 more');
  });
  it('labels the set with a cleaned, short file name', () => {
    const r = parseProblemSet('question,answer\nq,1\n', `my\u0007set${'x'.repeat(100)}.csv`);
    expect(r.ok && r.set.label).toHaveLength(80);
    expect(r.ok && r.set.label.startsWith('myset')).toBe(true);
    expect(r.ok && r.set.source.kind).toBe('uploaded');
  });
});

describe('arrayElementLines', () => {
  it('finds where each element starts, skipping brackets inside strings', () => {
    expect(arrayElementLines('[\n{"a":"[,{"},\n\n{"b":[1,2]}\n]')).toEqual([2, 4]);
  });
  it('handles escaped quotes', () => {
    expect(arrayElementLines('[{"a":"\\"]"},\n1]')).toEqual([1, 2]);
  });
});

describe('parseCsv', () => {
  it('skips blank lines and keeps their numbering', () => {
    const r = parseCsv('a,b\n\n1,2\n');
    expect(r.ok && r.records.map((x) => x.line)).toEqual([1, 3]);
  });
  it('keeps empty trailing fields', () => {
    const r = parseCsv('a,b,\n1,2,\n');
    expect(r.ok && r.records[0]?.cells).toEqual(['a', 'b', '']);
  });
  it('numbers records after a quoted line break by the line they start on', () => {
    const r = parseCsv('a,b\r\n"x\r\ny",1\r\n\r\nz,2\r\n');
    expect(r.ok && r.records.map((x) => [x.line, x.cells[0]])).toEqual([
      [1, 'a'],
      [2, 'x\ny'],
      [5, 'z']
    ]);
  });
});
