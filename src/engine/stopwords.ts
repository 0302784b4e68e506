/**
 * Words that carry no topic. Question words (where, how, why, when, who) are kept out of this list on purpose:
 * "where is it made" and "how is it released" differ only in them. They are weighted low by IDF instead.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between
  both but by can cant could couldnt did didnt do does doesnt doing dont down during each few for from further had
  hadnt has hasnt have havent having he hed hell hes her here heres hers herself him himself his i id ill im ive if
  in into is isnt it its itself lets me more most mustnt my myself no nor not of off on once only or other ought
  our ours ourselves out over own same shant she shed shell shes should shouldnt so some such than that thats the
  their theirs them themselves then there theres these they theyd theyll theyre theyve this those through to too
  under until up very was wasnt we wed well were weve werent what whats which while whom with wont would wouldnt
  you youd youll youre youve your yours yourself yourselves
  also just really actually basically like get gets got thing things stuff anything something someone anyone
  please thanks thank hey hi hello yo ok okay lol lmao haha hmm um uh bot oxytocinbot guys guy bro dude yeah yes
  tell know wondering wonder question curious asking ask quick anyone everyone kinda sorta pretty much lot lots
  can could would might may maybe will shall must need want exactly even literally honestly seriously truly
  gimme tldr eli5 btw idk imo tbh ngl fr omg wtf lmk ppl people everyone everybody keep keeps talking talk
  say says said heard hear read saw seen thing whole kind sort role roles play plays played part involved
  involve involves matter matters going goes go`.split(/\s+/),
);
