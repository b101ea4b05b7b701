/** The error `call` was refused with; fails when it succeeds or throws a non-Error. */
export async function rejection(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}
