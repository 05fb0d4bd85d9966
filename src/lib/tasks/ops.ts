/** The four operations and their equations, shared by the arithmetic family and the word-problem teacher. */

export type OpKind = 'add' | 'sub' | 'mul' | 'div';
const SYMBOL: Record<OpKind, string> = { add: '+', sub: '-', mul: '×', div: '÷' };

export interface Op {
  kind: OpKind;
  a: number;
  b: number;
  result: number;
}

export function applyOp(kind: OpKind, a: number, b: number): number {
  switch (kind) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
  }
}

/** The operation a written symbol stands for, the ASCII ones people type included; null for anything else. */
export function kindOfSymbol(symbol: string): OpKind | null {
  const ascii: Record<string, OpKind> = { '*': 'mul', x: 'mul', '/': 'div' };
  const kind = (Object.keys(SYMBOL) as OpKind[]).find((k) => SYMBOL[k] === symbol);
  return kind ?? ascii[symbol] ?? null;
}

export function equation(op: Op): string {
  return `${op.a} ${SYMBOL[op.kind]} ${op.b} = ${op.result}`;
}

export function op(kind: OpKind, a: number, b: number): Op {
  return { kind, a, b, result: applyOp(kind, a, b) };
}
