// Runs a command's main function and exits with its code; an unexpected error is printed as a
// message (no stack) and exits 1.
export function runCli(main: () => Promise<number>) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
