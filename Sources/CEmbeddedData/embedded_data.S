// Every data file the binary carries, assembled in as read-only bytes with .incbin, so the
// installed executable needs no resource files. Paths are relative to the package root (the
// include path set in Package.swift). SwiftPM does not track .incbin inputs: after a data file
// changes, `touch Sources/CEmbeddedData/embedded_data.S` so it is reassembled.
//
// To embed a file: one EMBED line here and one BLOB line in blobs.def.
#if defined(__APPLE__)
#define SYMBOL(name) _##name
    .section __TEXT,__const
#else
#define SYMBOL(name) name
    .section .rodata
#endif

#define EMBED(name, path)              \
    .globl SYMBOL(name##_start);       \
    .globl SYMBOL(name##_end);         \
    .p2align 4;                        \
SYMBOL(name##_start):                  \
    .incbin path;                      \
SYMBOL(name##_end):                    \
    .byte 0

EMBED(gleaner_ner_model, "models/ner.model")
EMBED(gleaner_actors_table, "data/actors/actors.tsv")
EMBED(gleaner_agents_table, "data/actors/agents.tsv")
EMBED(gleaner_actor_additions, "data/actors/additions.tsv")
EMBED(gleaner_agent_additions, "data/actors/agent-additions.tsv")
EMBED(gleaner_trigger_lexicon, "data/lexicon/lexicon.tsv")
EMBED(gleaner_cameo_codes, "data/cameo/eventcodes.tsv")
EMBED(gleaner_discards, "data/lexicon/discards.tsv")
EMBED(gleaner_verb_forms, "data/lexicon/verb-forms.tsv")
EMBED(gleaner_pos_model, "models/pos.model")
EMBED(gleaner_parser_model, "models/parser.model")
EMBED(gleaner_language_profiles, "data/language/profiles.tsv")
EMBED(gleaner_stopwords, "data/stopwords/stopwords.tsv")
EMBED(gleaner_gazetteer_countries, "data/gazetteer/countries.tsv")
EMBED(gleaner_gazetteer_demonyms, "data/gazetteer/demonyms.tsv")
EMBED(gleaner_gazetteer_capitals, "data/gazetteer/capitals.tsv")
EMBED(gleaner_gazetteer_places, "data/gazetteer/places.tsv")
EMBED(gleaner_gazetteer_first_names, "data/gazetteer/first-names.txt")
EMBED(gleaner_gazetteer_organizations, "data/gazetteer/organizations.txt")
EMBED(gleaner_gazetteer_name_words, "data/gazetteer/name-words.tsv")
EMBED(gleaner_gazetteer_people, "data/gazetteer/people.txt")
EMBED(gleaner_gazetteer_known_organizations, "data/gazetteer/known-organizations.txt")

#if !defined(__APPLE__)
    .section .note.GNU-stack,"",@progbits
#endif
