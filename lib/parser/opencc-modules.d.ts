// opencc-js ships its per-locale dictionaries without type declarations.
declare module "opencc-js/from/tw" {
  import type { DictGroup } from "opencc-js/core";
  const groups: readonly DictGroup[];
  export default groups;
}
declare module "opencc-js/to/cn" {
  import type { DictGroup } from "opencc-js/core";
  const groups: readonly DictGroup[];
  export default groups;
}
declare module "opencc-js/dict/TSCharacters" {
  const dict: string;
  export default dict;
}
