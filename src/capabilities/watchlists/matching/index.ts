export { compareNames } from './compare.ts'
export { createMatcher, DEFAULT_LIMIT, DEFAULT_THRESHOLD, type MatcherOptions } from './matcher.ts'
export type {
  MatchExplanation,
  Matcher,
  MatcherEntry,
  MatchHit,
  MatchQuery,
  NamePartMatch,
  PartMatchHow,
  Qualifier,
  QualifierCode,
  ScreenOptions,
} from './types.ts'
