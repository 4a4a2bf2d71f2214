// Files imported as text (`import x from './f.service' with { type: 'text' }`) are
// embedded by `bun build --compile`, so the binary needs nothing beside it.
declare module '*.service' {
  const text: string;
  export default text;
}
declare module '*.proto' {
  const text: string;
  export default text;
}
