package io.cheluyun.apps;

import io.cheluyun.apps.avw.AvwConfig;
import io.cheluyun.apps.clw.ClwConfig;
import io.cheluyun.apps.dnpw.DnpwConfig;
import io.cheluyun.apps.ebw.EbwConfig;
import io.cheluyun.apps.evw.EvwConfig;
import io.cheluyun.apps.fcw.FcwConfig;
import io.cheluyun.apps.glosa.GlosaConfig;
import io.cheluyun.apps.hlw.HlwConfig;
import io.cheluyun.apps.icw.IcwConfig;
import io.cheluyun.apps.ivs.IvsConfig;
import io.cheluyun.apps.lcw.LcwConfig;
import io.cheluyun.apps.lta.LtaConfig;
import io.cheluyun.apps.rlvw.RlvwConfig;
import io.cheluyun.apps.slw.SlwConfig;
import io.cheluyun.apps.tjw.TjwConfig;
import io.cheluyun.apps.vrucw.VrucwConfig;

/**
 * Configuration of every application (the sixteen Day-1 applications of T/CSAE 53-2017, in the order of
 * {@link io.cheluyun.model.WarningType}); each part has its own defaults, sources and validation.
 */
public record AppsConfig(FcwConfig fcw, IcwConfig icw, LtaConfig lta, LcwConfig lcw, DnpwConfig dnpw, EbwConfig ebw,
                         AvwConfig avw, ClwConfig clw, HlwConfig hlw, SlwConfig slw, RlvwConfig rlvw,
                         VrucwConfig vrucw, GlosaConfig glosa, IvsConfig ivs, TjwConfig tjw, EvwConfig evw) {

    public static AppsConfig defaults() {
        return new AppsConfig(FcwConfig.defaults(), IcwConfig.defaults(), LtaConfig.defaults(), LcwConfig.defaults(),
                DnpwConfig.defaults(), EbwConfig.defaults(), AvwConfig.defaults(), ClwConfig.defaults(),
                HlwConfig.defaults(), SlwConfig.defaults(), RlvwConfig.defaults(), VrucwConfig.defaults(),
                GlosaConfig.defaults(), IvsConfig.defaults(), TjwConfig.defaults(), EvwConfig.defaults());
    }

    /** The defaults with another FCW configuration. */
    public AppsConfig withFcw(FcwConfig newFcw) {
        return new AppsConfig(newFcw, icw, lta, lcw, dnpw, ebw, avw, clw, hlw, slw, rlvw, vrucw, glosa, ivs, tjw, evw);
    }

    public AppsConfig conclude() {
        Object[] parts = {fcw, icw, lta, lcw, dnpw, ebw, avw, clw, hlw, slw, rlvw, vrucw, glosa, ivs, tjw, evw};
        String[] names = {"fcw", "icw", "lta", "lcw", "dnpw", "ebw", "avw", "clw", "hlw", "slw", "rlvw", "vrucw",
            "glosa", "ivs", "tjw", "evw"};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new IllegalArgumentException("apps." + names[i] + " must be present");
            }
        }
        fcw.conclude();
        icw.conclude();
        lta.conclude();
        lcw.conclude();
        dnpw.conclude();
        ebw.conclude();
        avw.conclude();
        clw.conclude();
        hlw.conclude();
        slw.conclude();
        rlvw.conclude();
        vrucw.conclude();
        glosa.conclude();
        ivs.conclude();
        tjw.conclude();
        evw.conclude();
        return this;
    }
}
