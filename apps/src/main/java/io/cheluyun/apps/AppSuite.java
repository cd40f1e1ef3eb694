package io.cheluyun.apps;

import io.cheluyun.apps.fcw.ForwardCollisionWarning;
import java.util.ArrayList;
import java.util.List;

/** Creates the enabled applications: a fresh set per shard, since instances hold per-shard state. */
public final class AppSuite {

    private AppSuite() {
    }

    public static List<CooperativeApp> create(AppsConfig config) {
        config.conclude();
        List<CooperativeApp> apps = new ArrayList<>();
        if (config.fcw().enabled()) {
            apps.add(new ForwardCollisionWarning(config.fcw()));
        }
        return List.copyOf(apps);
    }
}
