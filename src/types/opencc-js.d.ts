/** opencc-js ships its dictionaries as modules of one string each ("T S|T S S|…"), without types. */
declare module "opencc-js/dict/TSCharacters" {
  const dict: string;
  export default dict;
}
