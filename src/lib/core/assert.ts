/** Makes a `switch` over a union fail to compile when a new member is added and not handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
