package io.cheluyun.model;

/** The cooperative applications of T/CSAE 53 Day-1 that produce warnings or advice, by their usual acronym. */
public enum WarningType {
    /** Forward collision warning. */
    FCW,
    /** Intersection collision warning. */
    ICW,
    /** Left turn assist. */
    LTA,
    /** Blind spot / lane change warning. */
    BSW_LCW,
    /** Do not pass warning. */
    DNPW,
    /** Emergency brake warning. */
    EBW,
    /** Abnormal vehicle warning. */
    AVW,
    /** Control loss warning. */
    CLW,
    /** Hazardous location warning. */
    HLW,
    /** Speed limit warning. */
    SLW,
    /** Red light violation warning. */
    RLVW,
    /** Vulnerable road user collision warning. */
    VRUCW,
    /** Green light optimal speed advisory. */
    GLOSA,
    /** In-vehicle signage. */
    IVS,
    /** Traffic jam warning. */
    TJW,
    /** Emergency vehicle warning. */
    EVW
}
