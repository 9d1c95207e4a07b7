import type { LexiconSource } from './types.ts';

/** English: support vocabulary first (refund, crash, rude), general evaluation words after. */
export const en: LexiconSource = {
  words: {
    great: 3, excellent: 3.2, amazing: 3.2, awesome: 3, brilliant: 3, wonderful: 3, fantastic: 3.2, superb: 3, perfect: 3, perfectly: 3,
    outstanding: 3.2, lovely: 2.8, love: 3, loved: 3, like: 1.8, liked: 1.8, loving: 2.5, delighted: 3, thrilled: 3, impressed: 2.5, flawless: 3,
    good: 1.9, nice: 1.8, fine: 1, ok: 0.5, okay: 0.5, happy: 2.5, glad: 2, pleased: 2.5, satisfied: 2, helpful: 2.2, friendly: 2.2,
    polite: 2, kind: 1.8, patient: 1.5, quick: 1, quickly: 1, fast: 1, smooth: 1.5, smoothly: 1.5, easy: 1.5, easily: 1.3, simple: 1,
    thanks: 2, thank: 2, thankyou: 2, thx: 1.8, cheers: 1.5, appreciate: 2.2, appreciated: 2.2, grateful: 2.5, solved: 1.8, sorted: 1.5,
    fixed: 1.5, resolved: 1.8, works: 0.8, worked: 0.8, working: 0.8, better: 1.5, best: 2.8, cheaper: 1, safely: 1, wow: 1.5, super: 2.5,
    recommend: 2, reliable: 2, professional: 1.8, efficient: 1.8, useful: 1.8, enjoy: 2, enjoyed: 2, beautiful: 2.5, legend: 2.5, star: 1.5,
    bad: -2.5, terrible: -3.2, awful: -3.2, horrible: -3.2, horrendous: -3.5, dreadful: -3, appalling: -3.5, disgusting: -3.2, worst: -3.4,
    worse: -2.3, poor: -2, poorly: -2, useless: -2.8, pathetic: -3, rubbish: -2.8, garbage: -3, crap: -3, ridiculous: -2.8, unacceptable: -3,
    disappointed: -2.5, disappointing: -2.5, disappointment: -2.5, angry: -2.8, furious: -3.5, annoyed: -2.3, annoying: -2.3, upset: -2.3,
    frustrated: -2.5, frustrating: -2.5, frustration: -2.5, unhappy: -2.5, sad: -2, rude: -2.8, unprofessional: -2.5, incompetent: -3,
    broken: -2, broke: -1.8, damaged: -2, ruined: -2.5, faulty: -2, defective: -2, crash: -1.8, crashes: -1.8, crashing: -1.8, crashed: -1.8,
    fail: -2, fails: -2, failed: -2, failure: -2, error: -1.2, errors: -1.2, bug: -1.2, buggy: -2, slow: -1.5, late: -1.3, delayed: -1.3,
    problem: -1.3, problems: -1.3, issue: -0.8, issues: -0.8, confusing: -1.8, confused: -1.5, wrong: -1.8, missing: -1.3, lost: -1.3,
    scam: -3.5, fraud: -3.5, joke: -1.8, nightmare: -3, mess: -2, hate: -3, hated: -3, waste: -2.5, wasted: -2.5, complaint: -1.8,
    complain: -1.8, overcharged: -2.5, stuck: -1.3, worried: -1.8, ignored: -2.3, sorry: -0.5, cancel: -0.8,
    horrid: -3, sucks: -3, dissatisfied: -2.5, disgrace: -3, shocking: -2.8, sick: -1.5, tired: -1, nasty: -2.8, unusable: -2.8,
  },
  stems: {},
  phrases: {
    'thank you': 2.2, 'thanks a lot': 2.5, 'would like': 0, "i'd like": 0, 'like to': 0, 'looks like': 0, 'feel like': 0, 'works fine': 1.5,
    'waste of money': -3, 'waste of time': -3, 'fed up': -2.8, 'sick of': -2.5, 'sick and tired': -3, 'hung up': -2, 'no reply': -1.8,
    'no answer': -1.8, 'no response': -1.8, 'still waiting': -1.8, 'hidden fees': -2, 'hidden charges': -2, 'nobody cares': -2.5,
    'losing patience': -2.5, 'lost patience': -2.5, 'not impressed': -2, 'let down': -2.3, 'rip off': -3, 'ripped off': -3,
    'on hold': -0.5, 'good morning': 0, 'good afternoon': 0, 'good evening': 0, 'good day': 0, 'no problem': 1.5, 'no worries': 1.5,
    'well done': 2.5, 'top notch': 3, 'spot on': 2.5, 'as good as new': 2.5, 'for good': 0, 'pretty much': 0, 'kind of': 0, 'sort of': 0,
    'help me': 0, 'not working': -2, "isn't working": -2, "doesn't work": -2, "don't work": -2, "won't work": -2,
  },
  negators: [
    'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot', "can't", 'cant',
    "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt', "isn't", 'isnt', "wasn't", 'wasnt', "aren't", "weren't", "won't", 'wont',
    "wouldn't", "shouldn't", "couldn't", "haven't", "hasn't", "hadn't", 'nowhere', 'lack', 'lacks', 'lacking',
  ],
  boosters: {
    very: 1.3, really: 1.3, so: 1.25, extremely: 1.5, incredibly: 1.5, totally: 1.3, completely: 1.3, absolutely: 1.4, super: 1.3,
    too: 1.15, quite: 1.1, most: 1.2, truly: 1.3, utterly: 1.5, highly: 1.3, especially: 1.2, such: 1.2, seriously: 1.3, properly: 1.2,
    slightly: 0.6, somewhat: 0.7, little: 0.7, bit: 0.7, kinda: 0.7, fairly: 0.8, rather: 0.9, pretty: 1.1, mostly: 0.8, almost: 0.7,
  },
  contrast: ['but', 'however', 'though', 'although', 'yet'],
};
