package io.cheluyun.apps;

import io.cheluyun.model.Warning;

/** Where an application puts the warnings it raises. Called on the shard thread; must not block. */
@FunctionalInterface
public interface WarningSink {

    void emit(Warning warning);
}
