"""Implanted systems: spinal cord stimulation (trial and permanent) and intrathecal drug delivery
(implanted or external pump)."""

from __future__ import annotations

from .canvas import BONE, CSF, DEVICE, DURA, FAT, LEAD, SKIN, Sketch

CORD = "#F7F2E8"


def _scs(trial: bool) -> Sketch:
    title = "Spinal cord stimulation: " + (
        "screening trial (external stimulator)" if trial else "implanted system"
    )
    s = Sketch(title + ", back view")
    torso = [(33, 62), (63, 62), (65, 35), (63, 6), (33, 6), (31, 35)]
    s.poly("skin", torso, fc=SKIN, ec="#B07A4A", lw=1.8, z=0.5)
    for i in range(13):
        y = 59 - i * 3.5
        s.box("spine", 47, y - 2.6, 6, 2.6, fc=BONE, pad=0.3, z=1)
    s.poly("spine", [(45.5, 13), (54.5, 13), (50, 5)], fc=BONE, z=1)
    for x in (49.2, 50.8):
        s.line("leads", [(x, 52), (x, 31), (50.2 if x < 50 else 50.6, 27.5)], LEAD, lw=2.2, z=5)
        for y in range(33, 52, 3):
            s.line("leads", [(x, y), (x, y + 1.2)], "#0B3D2E", lw=3.2, z=6)
    if trial:
        s.line("extension", [(50.5, 27.5), (56, 24.5), (67.5, 21)], LEAD, lw=1.8, z=5)
        s.box("external_stimulator", 67.5, 17.5, 8, 6, fc=DEVICE, ec="#333333", z=5, pad=0.8)
        s.label("external_stimulator", "external stimulator", (73, 23.5), (79, 29))
        s.label("extension", "leads leave through the skin", (60, 23.3), (79, 20))
    else:
        s.box("anchor", 50, 25.8, 2.6, 1.8, fc="#555555", ec="#222222", z=6, pad=0.3)
        s.line("extension", [(51.5, 26.5), (56, 23), (59, 17), (59.5, 13.5)], LEAD, lw=1.8, z=5)
        s.box("generator", 56, 8, 8, 5.5, fc=DEVICE, ec="#333333", z=5, pad=0.8)
        s.label("anchor", "anchor", (52.5, 26.6), (79, 31))
        s.label("extension", "extension wire (under the skin)", (57.8, 20), (79, 23))
        s.label("generator", "pulse generator (buttock)", (63.8, 10.5), (79, 12))
    # inset: a cross-section of the thoracic spine at the leads
    s.circle("epidural_space", (71, 48), 6.6, fc=FAT, ec="#6B5E4B", lw=1.2, z=2)
    s.circle("dura", (71, 49), 4.7, fc=CSF, ec=DURA, lw=1.8, z=3)
    s.ellipse("spinal_cord", (71, 49.2), 5.2, 4.0, fc=CORD, ec="#777777", z=4)
    for x in (69.8, 72.2):
        s.circle("leads", (x, 43.3), 0.75, fc=LEAD, ec="#0B3D2E", z=6)
    s.line(None, [(51.5, 42), (64.2, 45.5)], "#777777", lw=1.0, z=1.5, ls=":")
    s.note("cross-section at the leads\n(front at the top)", (71, 57.5), ha="center", size=0.8)
    s.label("spine", "spine (vertebrae)", (47, 56), (21, 57))
    s.label("leads", "leads in the epidural space", (49.2, 45), (21, 47))
    s.label("spinal_cord", "spinal cord", (68.4, 49.4), (79, 53.5))
    s.label("epidural_space", "epidural space", (75.4, 43.6), (79, 44.5))
    s.label("dura", "dura", (75.6, 49.8), (79, 49))
    s.label("skin", "skin of the back", (32, 30), (21, 30))
    s.note("head", (50, 61.6), ha="center")
    s.route("epidural_needle", [(42, 16), (49.6, 27.6)], label="epidural needle")
    return s


def scs_system() -> Sketch:
    return _scs(trial=False)


def scs_trial() -> Sketch:
    return _scs(trial=True)


def _intrathecal(external: bool) -> Sketch:
    title = "Intrathecal drug delivery: " + ("external pump" if external else "implanted pump")
    s = Sketch(title + ", side view")
    torso = [(28, 62), (64, 62), (66, 30), (63, 5), (30, 5), (25, 24), (27, 44)]
    s.poly("skin", torso, fc=SKIN, ec="#B07A4A", lw=1.8, z=0.5)
    for i in range(12):
        y = 59 - i * 4.2
        s.box("vertebral_body", 48, y - 3.2, 7, 3.2, fc=BONE, pad=0.3, z=1)
    s.poly(
        "intrathecal_space",
        [(56, 62), (59.6, 62), (59.6, 18), (57.8, 14.5), (56, 18)],
        fc=CSF,
        ec=DURA,
        lw=1.8,
        z=2,
    )
    s.poly(
        "spinal_cord",
        [(56.8, 62), (58.8, 62), (58.6, 42), (57.8, 38), (57.0, 42)],
        fc=CORD,
        ec="#777777",
        z=3,
    )
    for i in range(12):
        y = 59 - i * 4.2
        s.box("lamina", 60.4, y - 3.0, 2.6, 2.6, fc=BONE, pad=0.3, z=1)
    catheter = [(58.2, 33.5), (58.2, 26.5), (61, 25.0), (64.2, 23), (63, 15)]
    if external:
        catheter += [(60, 4.2), (52, 3.2), (44, 3.2)]
        s.box("pump", 33, 0.4, 10, 5, fc=DEVICE, ec="#333333", z=5, pad=0.8)
        s.label("pump", "external pump", (33, 4), (21, 6))
        s.label("catheter", "catheter leaves through the skin", (61.2, 5.2), (79, 8))
    else:
        catheter += [(58, 7.6), (45, 7.6), (36, 14), (34, 18.5)]
        s.circle("pump", (31.8, 22), 4.4, fc=DEVICE, ec="#333333", z=5)
        s.label("pump", "pump under the skin\nof the abdomen", (29.5, 22), (21, 22))
        s.label("catheter", "catheter tunnelled under the skin", (50, 7.6), (79, 8))
    s.line("catheter", catheter, "#0B6E4F", lw=2.0, z=6)
    s.circle("catheter_tip", (58.2, 33.8), 0.9, fc="#0B6E4F", ec="#08321F", z=7)
    s.label("vertebral_body", "vertebral bodies", (48, 45), (21, 50))
    s.label("spinal_cord", "spinal cord", (57.8, 52), (79, 57))
    s.label("intrathecal_space", "spinal fluid in the dural sac", (59.4, 20), (79, 20))
    s.label("catheter_tip", "catheter tip", (59, 34.4), (79, 36))
    s.label("lamina", "laminae (back of the spine)", (62.4, 45), (79, 46))
    s.label("skin", "skin", (27.6, 40), (21, 40))
    s.note("front", (28, 60.5), ha="center")
    s.note("back", (66, 60.5), ha="center")
    s.route("intrathecal_needle", [(70, 30), (58.6, 27.6)])
    return s


def intrathecal_system() -> Sketch:
    return _intrathecal(external=False)


def intrathecal_external() -> Sketch:
    return _intrathecal(external=True)
