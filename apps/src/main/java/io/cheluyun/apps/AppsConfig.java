package io.cheluyun.apps;

import io.cheluyun.apps.fcw.FcwConfig;

/** Configuration of every application; each part has its own defaults and validation. */
public record AppsConfig(FcwConfig fcw) {

    public static AppsConfig defaults() {
        return new AppsConfig(FcwConfig.defaults());
    }

    public AppsConfig conclude() {
        if (fcw == null) {
            throw new IllegalArgumentException("apps.fcw must be present");
        }
        fcw.conclude();
        return this;
    }
}
