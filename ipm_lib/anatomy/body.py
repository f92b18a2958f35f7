"""Schematics outside the spine: the knee with its genicular nerves, the sacroiliac joints, and the
upper lumbar retroperitoneum with the sympathetic chain, the aorta and the celiac plexus."""

from __future__ import annotations

from .canvas import ARTERY, BONE, CSF, MUSCLE, ORGAN, SKIN, VEIN, Sketch

JOINT = "#D8EBD2"
KIDNEY = "#E3C4B5"


def _mirror(points):
    return [(100 - x, y) for x, y in points]


def knee() -> Sketch:
    s = Sketch("Right knee seen from the front, with the classic genicular nerve targets")
    femur = [(44, 62), (56, 62), (57, 42), (64, 35), (63.5, 29.5), (36.5, 29.5), (36, 35), (43, 42)]
    s.poly("femur", femur, fc=BONE)
    tibia = [(37, 27), (63, 27), (62, 22), (56, 17), (55, 0), (45, 0), (44, 17), (38, 22)]
    s.poly("tibia", tibia, fc=BONE)
    s.poly("fibula", [(32.6, 19), (36.6, 19), (36, 0), (33.4, 0)], fc=BONE)
    s.ellipse("fibula", (34.6, 20.2), 5.2, 3.4, fc=BONE)
    s.poly("joint_space", [(37, 27), (63, 27), (63.5, 29.5), (36.5, 29.5)], fc=JOINT, lw=0.8)
    s.ellipse("patella", (50, 37), 10, 12, fc="#F6F1E6", ec="#6B5E4B", lw=1.2, z=3, ls="--")
    s.nerve("genicular_nerves", [(68, 53), (62, 47), (58.6, 41.6)], lw=2.0)
    s.nerve("genicular_nerves", [(32, 53), (38, 47), (41.4, 41.6)], lw=2.0)
    s.nerve("genicular_nerves", [(66, 10), (60, 15.5), (56.6, 18.6)], lw=2.0)
    s.label("femur", "femur (thigh bone)", (46, 55), (21, 57))
    s.label("patella", "kneecap (patella)", (45.5, 38), (21, 38))
    s.label("joint_space", "knee joint", (38, 28.2), (21, 29))
    s.label("fibula", "fibula", (34.5, 10), (21, 12))
    s.label("tibia", "tibia (shin bone)", (47, 8), (21, 4))
    s.label("genicular_nerves", "superior lateral\ngenicular nerve", (38, 47), (21, 48))
    s.label("genicular_nerves", "superior medial\ngenicular nerve", (62, 47), (79, 48))
    s.label("genicular_nerves", "inferior medial\ngenicular nerve", (60, 15.5), (79, 16))
    s.note("lateral side", (30, 60.5), ha="center")
    s.note("medial side", (70, 60.5), ha="center")
    s.route(
        "genicular",
        [(74, 42), (59.4, 41.6)],
        [(26, 42), (40.6, 41.6)],
        [(74, 24), (57.2, 19.0)],
    )
    return s


def sacroiliac() -> Sketch:
    s = Sketch("Pelvis seen from behind: the sacroiliac joints")
    s.box("l5", 43, 53.5, 14, 6.5, fc=BONE)
    s.note("L5", (50, 56.8), ha="center", size=0.9, color="#333333", style_="normal")
    sacrum = [(38.5, 51), (61.5, 51), (57, 20), (52.5, 9), (47.5, 9), (43, 20)]
    s.poly("sacrum", sacrum, fc=BONE)
    ilium = [(23, 58), (34, 55), (37, 51), (41.4, 20), (36, 15), (27, 24), (23, 40)]
    for side in (False, True):
        m = _mirror if side else (lambda p: p)
        s.poly("ilium", m(ilium), fc=BONE)
        s.poly("sij", m([(37, 51), (38.5, 51), (43, 20), (41.4, 20)]), fc=JOINT, lw=1.0, z=3)
        for x, y in [(46.4, 45), (46.9, 38), (47.4, 31), (47.9, 24.5)]:
            s.circle("foramina", m([(x, y)])[0], 1.5, fc="#FFFFFF", ec="#6B5E4B", lw=1.0)
    tips = []
    for x, y in [(53.6, 45), (53.1, 38), (52.6, 31)]:
        joint_x = 61.5 - (51 - y) * 4.5 / 31  # the joint line at this height
        s.nerve("lateral_branches", [(x + 1.5, y), (x + 3.6, y + 1.2), (joint_x, y + 1.4)], lw=2.6)
        tips.append((x + 3.8, y + 1.3))
    s.label("l5", "fifth lumbar vertebra", (44, 57), (21, 59))
    s.label("ilium", "ilium (hip bone)", (28, 40), (21, 45))
    s.label("sij", "sacroiliac joint", (40, 35), (21, 33))
    s.label("sacrum", "sacrum", (48, 15), (21, 14))
    s.label("foramina", "posterior sacral foramina", (53.6, 24.5), (79, 24))
    s.label("lateral_branches", "lateral branches (S1-S3)", (59.5, 46.3), (79, 53))
    s.note("left side", (30, 3), ha="center")
    s.note("right side", (70, 3), ha="center")
    s.route("sij_injection", [(30, 6), (41.9, 22.6)])
    s.route(
        "lateral_branch",
        *[[(t[0] + 12, t[1] + 10), t] for t in tips],
    )
    return s


def abdomen_axial() -> Sketch:
    s = Sketch("Upper lumbar level seen from below: sympathetic chain, aorta, celiac plexus")
    s.ellipse(None, (50, 31), 55, 58, fc=SKIN, ec="#B07A4A", lw=2.0, z=0.5)
    s.ellipse("pancreas", (49, 54), 24, 5, fc=ORGAN, ec="#8E7DA0")
    s.poly(
        "celiac_trunk",
        [(51.6, 41.5), (53.4, 41.5), (53.2, 51.5), (51.8, 51.5)],
        fc=ARTERY,
        ec="#6E3B5A",
        z=3,
    )
    for x, y in [(49.6, 44.2), (55.4, 44.2), (49.8, 47.8), (55.2, 47.8)]:
        s.ellipse("celiac_plexus", (x, y), 3.0, 2.0, fc="#F0E442", ec="#5C5500", lw=1.2, z=5)
    s.circle("aorta", (52.5, 37.5), 4.2, fc=ARTERY, ec="#6E3B5A")
    s.ellipse("ivc", (41.5, 37.5), 7, 4.5, fc=VEIN, ec="#16456B")
    s.ellipse("vertebral_body", (50, 26.5), 14, 11, fc=BONE)
    s.circle("spinal_canal", (50, 18.4), 3.2, fc=CSF, ec="#56B4E9", lw=1.6)
    s.poly("vertebral_body", [(44.5, 16.5), (55.5, 16.5), (51.6, 6.5), (48.4, 6.5)], fc=BONE)
    for side in (False, True):
        m = _mirror if side else (lambda p: p)
        s.ellipse("psoas", m([(60.6, 23.5)])[0], 8, 9.5, fc=MUSCLE, ec="#A07060", z=1)
        s.ellipse(
            "kidney",
            m([(69.5, 28)])[0],
            8,
            14,
            angle=-25 if not side else 25,
            fc=KIDNEY,
            ec="#8A5A48",
            z=1,
        )
        s.ellipse("back_muscles", m([(57.5, 10)])[0], 9, 7, fc=MUSCLE, ec="#A07060", z=1)
        s.ellipse(
            "sympathetic_chain",
            m([(56.4, 31.2)])[0],
            2.6,
            1.9,
            fc="#F0E442",
            ec="#5C5500",
            lw=1.3,
            z=5,
        )
    s.label("ivc", "inferior vena cava", (38.5, 38.5), (21, 45))
    s.label("vertebral_body", "vertebral body", (44, 28), (21, 37))
    s.label("psoas", "psoas muscle", (37, 24), (21, 29))
    s.label("kidney", "kidney", (28, 22), (21, 21))
    s.label("spinal_canal", "spinal canal", (47.5, 18), (21, 14))
    s.label("back_muscles", "back muscles", (40, 8), (21, 7))
    s.label("pancreas", "pancreas (in front)", (58, 55), (79, 58))
    s.label("celiac_trunk", "celiac trunk", (53.3, 50), (79, 53.5))
    s.label("celiac_plexus", "celiac plexus", (56.5, 47.8), (79, 49))
    s.label("aorta", "aorta", (56.2, 39), (79, 43))
    s.label("sympathetic_chain", "sympathetic chain", (57.6, 31.6), (79, 36))
    s.note("front", (50, 61.5), ha="center")
    s.note("back", (36, 1.5), ha="center")
    s.route("celiac_posterior", [(70, 3), (55.4, 42.2)])
    s.route("lumbar_sympathetic", [(72, 3), (57.5, 30.6)])
    return s
