#pragma once
/// architectureVocabulary: the cat vocabulary of every architecture memlit reads — the base
/// names plus every tag some front end declares (litmus/Architecture.hpp). Lives in engine/
/// because it joins the two layers below it, cat/ and litmus/.

#include "cat/Vocabulary.hpp"

namespace memlit::engine {

/// Built once; a model resolved against it runs on a test of any architecture (a tag the
/// test's events do not carry is the empty set).
const cat::Vocabulary& architectureVocabulary();

}  // namespace memlit::engine
