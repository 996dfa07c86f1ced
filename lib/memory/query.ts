// Words that say nothing about which memory is wanted, in the six languages companions speak.
const STOPWORDS = new Set(
  `a an and are as at be been but by can could did do does doing for from had has have having he her him his how i i'm
  if in into is it its just me my myself no not of on or our out over she so some than that the their them then there
  these they this those to too up us very was we were what when where which while who whom why will with would you your
  yours about again also am any because before being both each few more most other own same should such tell know
  remember remind think really please okay ok yes yeah hey hi hello
  el la los las un una y o de del en que es por para con se su al lo como pero mi me te yo tu
  le les et ou des du est pour avec sur ce qui je tu mon ma mes ne pas
  der die das und oder ein eine ist zu mit auf für ich du mein meine nicht
  de het een en of is te met op voor ik je mijn niet
  il lo gli e o di da che per con su io tu mio mia non`.split(/\s+/),
);

/** The words of a message worth searching memories for: lower case, no stopwords, at most 24. */
export function queryTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = words.filter((w) => (w.length >= 3 || /\d/.test(w)) && !STOPWORDS.has(w));
  return [...new Set(terms)].slice(0, 24);
}
