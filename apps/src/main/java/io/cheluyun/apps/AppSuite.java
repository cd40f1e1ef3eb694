package io.cheluyun.apps;

import io.cheluyun.apps.avw.AbnormalVehicleWarning;
import io.cheluyun.apps.clw.ControlLossWarning;
import io.cheluyun.apps.dnpw.DoNotPassWarning;
import io.cheluyun.apps.ebw.EmergencyBrakeWarning;
import io.cheluyun.apps.evw.EmergencyVehicleWarning;
import io.cheluyun.apps.fcw.ForwardCollisionWarning;
import io.cheluyun.apps.glosa.GreenLightOptimalSpeedAdvisory;
import io.cheluyun.apps.hlw.HazardousLocationWarning;
import io.cheluyun.apps.icw.IntersectionCollisionWarning;
import io.cheluyun.apps.ivs.InVehicleSignage;
import io.cheluyun.apps.lcw.LaneChangeWarning;
import io.cheluyun.apps.lta.LeftTurnAssist;
import io.cheluyun.apps.rlvw.RedLightViolationWarning;
import io.cheluyun.apps.slw.SpeedLimitWarning;
import io.cheluyun.apps.tjw.TrafficJamWarning;
import io.cheluyun.apps.vrucw.VulnerableRoadUserWarning;
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
        if (config.icw().enabled()) {
            apps.add(new IntersectionCollisionWarning(config.icw()));
        }
        if (config.lta().enabled()) {
            apps.add(new LeftTurnAssist(config.lta()));
        }
        if (config.lcw().enabled()) {
            apps.add(new LaneChangeWarning(config.lcw()));
        }
        if (config.dnpw().enabled()) {
            apps.add(new DoNotPassWarning(config.dnpw()));
        }
        if (config.ebw().enabled()) {
            apps.add(new EmergencyBrakeWarning(config.ebw()));
        }
        if (config.avw().enabled()) {
            apps.add(new AbnormalVehicleWarning(config.avw()));
        }
        if (config.clw().enabled()) {
            apps.add(new ControlLossWarning(config.clw()));
        }
        if (config.hlw().enabled()) {
            apps.add(new HazardousLocationWarning(config.hlw()));
        }
        if (config.slw().enabled()) {
            apps.add(new SpeedLimitWarning(config.slw()));
        }
        if (config.rlvw().enabled()) {
            apps.add(new RedLightViolationWarning(config.rlvw()));
        }
        if (config.vrucw().enabled()) {
            apps.add(new VulnerableRoadUserWarning(config.vrucw()));
        }
        if (config.glosa().enabled()) {
            apps.add(new GreenLightOptimalSpeedAdvisory(config.glosa()));
        }
        if (config.ivs().enabled()) {
            apps.add(new InVehicleSignage(config.ivs()));
        }
        if (config.tjw().enabled()) {
            apps.add(new TrafficJamWarning(config.tjw()));
        }
        if (config.evw().enabled()) {
            apps.add(new EmergencyVehicleWarning(config.evw()));
        }
        return List.copyOf(apps);
    }
}
