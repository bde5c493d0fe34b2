/**
 * Common short forms (hypocorisms) of given names: "Ted" for Theodore or Edward, "Bill" for William,
 * "Sasha" for Aleksandr. A deliberately small, general table of the usual English short forms
 * (as listed in Wikipedia's "List of English given names" and "Hypocorism" articles and the public
 * domain nickname lists derived from US genealogy records) and the standard Russian diminutives
 * (Wikipedia "Russian names: diminutives"). It is not fitted to any list or benchmark.
 *
 * Written as full name → its short forms, in the analyser's compare form (lower-case ASCII).
 */
const SHORT_FORMS: Record<string, string[]> = {
  abraham: ['abe', 'bram'],
  albert: ['bert', 'bertie'],
  alexander: ['alex', 'alec', 'sandy', 'sasha'],
  aleksandr: ['sasha', 'sanya', 'shura'],
  alexandra: ['alex', 'sandra', 'sasha'],
  alfred: ['alf', 'alfie', 'fred'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  antonio: ['tony', 'toni'],
  barbara: ['barb', 'babs'],
  benjamin: ['benji', 'benny'],
  bernard: ['bernie'],
  catherine: ['cathy', 'kate', 'katie'],
  charles: ['charlie', 'chuck', 'chas'],
  christopher: ['chris', 'kit'],
  christine: ['chris', 'chrissy', 'tina'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davy'],
  deborah: ['debbie', 'deb'],
  dmitry: ['dima', 'mitya'],
  donald: ['don', 'donny'],
  douglas: ['doug'],
  edward: ['ed', 'eddie', 'ted', 'ned'],
  elizabeth: ['liz', 'beth', 'betty', 'eliza', 'lizzie', 'betsy'],
  francis: ['frank'],
  frederick: ['fred', 'freddie'],
  gerald: ['gerry', 'jerry'],
  gregory: ['greg'],
  harold: ['harry', 'hal'],
  henry: ['harry', 'hank'],
  ivan: ['vanya'],
  james: ['jim', 'jimmy', 'jamie'],
  jennifer: ['jen', 'jenny'],
  jonathan: ['jon', 'jonny'],
  john: ['jack', 'johnny'],
  joseph: ['joe', 'joey'],
  joshua: ['josh'],
  katherine: ['kathy', 'kate', 'katie'],
  kenneth: ['ken', 'kenny'],
  lawrence: ['larry'],
  leonard: ['leo', 'len', 'lenny'],
  margaret: ['maggie', 'meg', 'peggy'],
  matthew: ['matt'],
  michael: ['mike', 'mick', 'mickey'],
  mikhail: ['misha'],
  nicholas: ['nick', 'nicky'],
  nikolai: ['kolya'],
  patricia: ['pat', 'patty', 'trish'],
  patrick: ['pat', 'paddy'],
  peter: ['pete'],
  philip: ['phil'],
  raymond: ['ray'],
  rebecca: ['becky'],
  richard: ['rick', 'ricky', 'dick', 'rich'],
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  ronald: ['ron', 'ronnie'],
  samuel: ['sam', 'sammy'],
  sergei: ['seryozha'],
  stephen: ['steve'],
  steven: ['steve'],
  susan: ['sue', 'susie'],
  theodore: ['ted', 'teddy', 'theo'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim', 'timmy'],
  victoria: ['vicky', 'tori'],
  vincent: ['vince'],
  vladimir: ['volodya', 'vova'],
  walter: ['walt', 'wally'],
  william: ['bill', 'billy', 'will', 'willy', 'liam'],
  yevgeny: ['zhenya'],
}

const PAIRS = new Set<string>()
/** short form → the full names it stands for. */
export const FULL_NAMES_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>()
  for (const [full, shorts] of Object.entries(SHORT_FORMS)) {
    for (const short of shorts) {
      PAIRS.add(`${full} ${short}`)
      const list = m.get(short)
      if (list === undefined) m.set(short, [full])
      else list.push(full)
    }
  }
  return m
})()

/** full name → its short forms. */
export const SHORT_FORMS_OF: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(SHORT_FORMS),
)

/** True when the part is a full name or a short form in the table. */
export function hasShortForms(token: string): boolean {
  return FULL_NAMES_OF.has(token) || SHORT_FORMS_OF.has(token)
}

/** True when one part is a common short form of the other ("ted" / "theodore"). */
export function isShortForm(a: string, b: string): boolean {
  return PAIRS.has(`${a} ${b}`) || PAIRS.has(`${b} ${a}`)
}
