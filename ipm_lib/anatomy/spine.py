"""Schematics of the spine: lumbar sagittal (midline), lumbar axial and cervical axial.

Shapes are didactic, not to scale. Axial views are drawn with the front of the body at the top and
needles on one side only; sagittal views have the front on the left.
"""

from __future__ import annotations

from .canvas import (
    ARTERY,
    BONE,
    CSF,
    DISC,
    DURA,
    FAT,
    MUSCLE,
    ORGAN,
    SKIN,
    VEIN,
    Sketch,
)

FLAVUM = "#F5C77A"
CORD = "#F7F2E8"
JOINT = "#D8EBD2"


def _mirror(points):
    return [(100 - x, y) for x, y in points]


def lumbar_sagittal() -> Sketch:
    s = Sketch("Lumbar spine and sacrum, side view through the midline (front on the left)")
    levels = [("L2", 52.0), ("L3", 42.8), ("L4", 33.6), ("L5", 24.4)]
    # canal contents first (the epidural fat fills the canal; the dural sac sits inside it)
    s.poly(
        "epidural_space",
        [(39, 62), (46.5, 62), (46.5, 22.2), (50.5, 10.5), (46.5, 7.5), (44, 6), (39, 22.2)],
        fc=FAT,
        lw=0.8,
        z=1,
    )
    s.poly(
        "dura",
        [(40.3, 62), (44.8, 62), (44.8, 22.2), (45.6, 18), (43.6, 15.2), (41.6, 18), (40.3, 22.2)],
        fc=CSF,
        ec=DURA,
        lw=2,
        z=2,
    )
    s.poly(
        "spinal_cord",
        [(41.4, 62), (43.7, 62), (43.4, 57.5), (42.55, 54.2), (41.7, 57.5)],
        fc=CORD,
        ec="#777777",
        z=3,
    )
    for x in (41.6, 42.55, 43.5):
        s.line("cauda_equina", [(42.55, 55), (x, 45), (x, 19.5)], "#9A8F6A", lw=1.1, z=3)
    for name, top in levels:
        s.box("vertebral_body", 27, top, 12, 7, fc=BONE)
        s.note(name, (33, top + 3.5), ha="center", size=0.9, color="#333333", style_="normal")
        s.box("disc", 27.3, top - 2.2, 11.4, 2.2, fc=DISC, pad=0.4)
        s.poly(
            "lamina",
            [(46.5, top + 0.6), (50, top + 0.6), (50, top + 6.6), (46.5, top + 6.6)],
            fc=BONE,
        )
        s.poly(
            "spinous_process",
            [(50, top + 1.5), (62, top + 0.5), (62, top + 5), (50, top + 6)],
            fc=BONE,
        )
        s.poly(
            "ligamentum_flavum",
            [(46.5, top - 2.4), (48.4, top - 2.4), (48.4, top + 0.6), (46.5, top + 0.6)],
            fc=FLAVUM,
            lw=0.8,
        )
    s.box("vertebral_body", 27, 61.2, 12, 0.8, fc=BONE, pad=0.2)
    s.poly("sacrum", [(27, 22.2), (39, 22.2), (44, 6), (38, 3.5), (33, 9), (28, 16)], fc=BONE)
    s.poly("sacrum", [(46.5, 22.2), (52, 22.2), (55, 12), (50.5, 10.5)], fc=BONE)
    s.note("S", (34, 15), ha="center", size=0.9, color="#333333", style_="normal")
    s.poly("coccyx", [(43, 5.2), (46.3, 7.2), (47.6, 3.6), (44.2, 1.6)], fc=BONE)
    s.ellipse("sacral_hiatus", (48.4, 9.0), 4.6, 1.9, fc="#FFFFFF", ec="#6B5E4B", angle=37, z=3)
    s.line("skin", [(67, 62), (67, 22), (65, 10), (62, 0)], "#B07A4A", lw=2.2, z=2)
    s.poly(None, [(67, 62), (72, 62), (72, 0), (62, 0), (65, 10), (67, 22)], fc=SKIN, lw=0, z=1)

    s.label("vertebral_body", "vertebral body", (28, 46), (21, 50))
    s.label("disc", "intervertebral disc", (28, 41.7), (21, 42))
    s.label("spinal_cord", "spinal cord (its end)", (42.2, 57), (21, 59))
    s.label("sacrum", "sacrum", (31, 14), (21, 22))
    s.label("coccyx", "coccyx", (45, 3.5), (21, 6))
    s.label("spinous_process", "spinous process", (60, 48.5), (79, 57))
    s.label("lamina", "lamina", (48.2, 46.3), (79, 52.5))
    s.label("ligamentum_flavum", "ligamentum flavum", (47.4, 32.4), (79, 34))
    s.label("epidural_space", "epidural space (fat)", (45.7, 27), (79, 29.5))
    s.label("dura", "dural sac with spinal fluid", (43.8, 24), (79, 25))
    s.label("cauda_equina", "cauda equina (nerve roots)", (42.55, 36), (79, 38.5))
    s.label("sacral_hiatus", "sacral hiatus", (49.5, 9.9), (79, 14))
    s.label("skin", "skin of the back", (67, 58), (79, 61))
    s.route("interlaminar", [(70, 42.2), (45.7, 41.6)], label="needle")
    s.route("caudal", [(62.5, 2.4), (46.6, 11.2)], label="needle")
    return s


def _lumbar_axial_side(s: Sketch, mirror: bool) -> None:
    m = _mirror if mirror else (lambda p: p)
    tag = (lambda n: None) if mirror else (lambda n: n)
    s.poly(
        tag("facet_joint"),
        m([(59.1, 27.4), (61.5, 27.8), (62.1, 19.4), (59.7, 19.2)]),
        fc=JOINT,
        lw=0.9,
        z=2,
    )
    s.poly(
        tag("inferior_articular_process"),
        m([(56.5, 26), (59.1, 27.4), (59.7, 19.2), (56.8, 18.5)]),
        fc=BONE,
    )
    s.poly(
        tag("superior_articular_process"),
        m([(61.5, 27.8), (66, 27), (66, 20), (62.1, 19.4)]),
        fc=BONE,
    )
    s.poly(
        tag("foramen"),
        m([(57.5, 38.5), (63.8, 39.4), (67.6, 37.6), (66.8, 31.2), (61.2, 28.6), (58.2, 31.5)]),
        fc="#FFFBEA",
        ec="#9A8F6A",
        lw=1.0,
        z=1.5,
        ls="--",
    )
    s.nerve(tag("nerve_root"), m([(55.6, 33.6), (62.4, 35.2)]), lw=2.0)
    s.ellipse(tag("drg"), m([(64.4, 35.6)])[0], 4.4, 2.8, fc="#F0E442", ec="#5C5500", lw=1.4, z=6)
    s.nerve(tag("spinal_nerve"), m([(66.4, 36.2), (71, 38.2), (76, 39.4)]), lw=2.4)
    s.nerve(tag("dorsal_ramus"), m([(67.2, 36.4), (68.6, 31), (68.2, 28.6)]), lw=1.6)
    s.nerve(
        tag("medial_branch"), m([(68.2, 28.6), (67.2, 23.6), (65.3, 18.6), (62.4, 17.4)]), lw=1.6
    )
    s.line(
        tag("radicular_artery"),
        m([(76, 33.8), (70, 34.0), (63.5, 33.2), (57.6, 32.4)]),
        ARTERY,
        lw=2.0,
        z=5.5,
    )
    s.ellipse(tag("psoas"), m([(69.5, 47.5)])[0], 10, 8, fc=MUSCLE, ec="#A07060", lw=1.0, z=1)


def lumbar_axial() -> Sketch:
    s = Sketch("Lumbar spine seen from below, one level (disc and facet joints)")
    s.ellipse("disc", (50, 47), 27, 16, fc=DISC)
    s.ellipse("disc", (50, 47), 11, 7, fc="#8FC9E8", ec="#4E7F99", lw=1.0, z=3)
    s.poly(
        "epidural_space",
        [(42, 37.6), (58, 37.6), (60, 31), (55.5, 25), (44.5, 25), (40, 31)],
        fc=FAT,
        lw=0.9,
        z=2,
    )
    s.ellipse("dura", (50, 32), 13, 9, fc=CSF, ec=DURA, lw=2.0, z=3)
    for x, y in [(47, 31), (50, 30.5), (53, 31), (48.5, 33.5), (51.5, 33.5)]:
        s.circle("cauda_equina", (x, y), 0.8, fc="#E3D9A8", ec="#9A8F6A", lw=0.8, z=4)
    s.poly(
        "lamina", [(42.5, 25), (57.5, 25), (56.8, 18.5), (52, 14), (48, 14), (43.2, 18.5)], fc=BONE
    )
    s.poly("spinous_process", [(48, 14.5), (52, 14.5), (51.2, 4.5), (48.8, 4.5)], fc=BONE)
    _lumbar_axial_side(s, mirror=False)
    _lumbar_axial_side(s, mirror=True)
    s.line("skin", [(24, 2.2), (76, 2.2)], "#B07A4A", lw=2.2, z=1)

    s.label("disc", "intervertebral disc", (40, 52), (21, 55))
    s.label("psoas", "psoas muscle", (28, 45), (21, 47.5))
    s.label("epidural_space", "epidural space", (41.5, 33), (21, 38))
    s.label("dura", "dural sac (spinal fluid)", (44, 29.5), (21, 31.5))
    s.label("cauda_equina", "cauda equina", (47, 31), (21, 26))
    s.label("lamina", "lamina", (45, 20), (21, 19))
    s.label("spinous_process", "spinous process", (49, 8), (21, 11))
    s.label("skin", "skin of the back", (30, 2.2), (21, 4.5))
    s.label("spinal_nerve", "spinal nerve", (74, 39), (79, 44))
    s.label("drg", "dorsal root ganglion", (66, 36.8), (79, 40.5))
    s.label("foramen", "intervertebral foramen", (67.2, 34.5), (79, 37))
    s.label("radicular_artery", "radicular artery", (73, 33.9), (79, 33.5))
    s.label("nerve_root", "nerve root", (59, 34.4), (79, 30))
    s.label("dorsal_ramus", "dorsal ramus", (68.5, 30.5), (79, 26.5))
    s.label("superior_articular_process", "superior articular process", (65, 25.5), (79, 23))
    s.label("facet_joint", "facet joint", (61.2, 21.5), (79, 19.5))
    s.label("medial_branch", "medial branch", (66.2, 21), (79, 16))
    s.note("front", (50, 60.5), ha="center")
    s.note("back", (36, 1.0), ha="center")
    s.route("transforaminal", [(82, 4), (65.6, 32.4)])
    s.route("transforaminal_drg", [(82, 4), (66.4, 33.6)])
    s.route("medial_branch", [(80, 6), (67.4, 23.0)])
    s.route("facet_intraarticular", [(70, 4), (61.0, 22.2)])
    return s


def cervical_axial() -> Sketch:
    s = Sketch("Lower cervical spine seen from below (C6-C7): where it differs")
    s.circle("trachea", (50, 55.5), 4.2, fc="#FFFFFF", ec="#888888", lw=1.6)
    s.ellipse("oesophagus", (50, 49.3), 8, 3.0, fc=ORGAN, ec="#8E7DA0")
    s.ellipse("vertebral_body", (50, 40), 18, 10.5, fc=BONE)
    for side in (False, True):
        m = _mirror if side else (lambda p: p)
        tag = (lambda n: None) if side else (lambda n: n)
        s.ellipse(tag("longus_colli"), m([(57.4, 46.0)])[0], 6, 3.2, fc=MUSCLE, ec="#A07060")
        s.ellipse(
            tag("stellate_ganglion"),
            m([(61.6, 47.6)])[0],
            3.6,
            2.2,
            fc="#F0E442",
            ec="#5C5500",
            lw=1.4,
            z=5,
        )
        s.circle(tag("carotid_artery"), m([(66.5, 52.5)])[0], 2.6, fc=ARTERY, ec="#6E3B5A")
        s.ellipse(tag("jugular_vein"), m([(72.4, 53.6)])[0], 5.2, 3.6, fc=VEIN, ec="#16456B")
        s.poly(
            tag("transverse_process"), m([(58, 43), (70, 43.4), (71.4, 38), (59, 36.8)]), fc=BONE
        )
        s.circle(tag("vertebral_artery"), m([(65, 40.4)])[0], 1.9, fc=ARTERY, ec="#6E3B5A", z=4)
        s.poly(
            tag("foramen"),
            m([(57.6, 36.4), (65.4, 37.2), (66.6, 33.2), (58.2, 32.2)]),
            fc="#FFFBEA",
            ec="#9A8F6A",
            lw=1.0,
            ls="--",
            z=1.5,
        )
        s.poly(
            tag("articular_pillar"),
            m([(57.8, 31.2), (67.2, 31.2), (67.2, 22.8), (58, 23.8)]),
            fc=BONE,
        )
        s.poly(
            tag("facet_joint"),
            m([(58.2, 27.8), (67, 27.4), (67, 26.0), (58.2, 26.4)]),
            fc=JOINT,
            lw=0.9,
            z=3,
        )
        s.nerve(tag("nerve_root"), m([(55.8, 30.6), (60.2, 34.2)]), lw=1.8)
        s.ellipse(tag("drg"), m([(62.2, 34.6)])[0], 3.6, 2.3, fc="#F0E442", ec="#5C5500", z=6)
        s.nerve(tag("spinal_nerve"), m([(64, 35.2), (73, 35.6)]), lw=2.2)
        s.nerve(tag("dorsal_ramus"), m([(66, 35.3), (68.6, 32.6)]), lw=1.5)
        s.nerve(
            tag("medial_branch"),
            m([(68.6, 32.6), (68.7, 28.5), (68.1, 24.2), (66.2, 21.4)]),
            lw=1.5,
        )
        s.line(
            tag("radicular_artery"),
            m([(64.8, 38.6), (61.8, 36.4), (58.6, 33.4)]),
            ARTERY,
            lw=1.8,
            z=5.5,
        )
    s.poly(
        "epidural_space", [(42, 33), (58, 33), (56.2, 24.8), (50, 22), (43.8, 24.8)], fc=FAT, lw=0.9
    )
    s.ellipse("dura", (50, 28.8), 12.4, 7.6, fc=CSF, ec=DURA, lw=2.0, z=3)
    s.ellipse("spinal_cord", (50, 29.0), 8.6, 5.2, fc=CORD, ec="#777777", z=4)
    s.poly("lamina", [(42.2, 24.2), (57.8, 24.2), (53, 17), (47, 17)], fc=BONE)
    s.poly("spinous_process", [(48, 17.5), (52, 17.5), (51.4, 8), (48.6, 8)], fc=BONE)
    s.line("skin", [(24, 2.2), (76, 2.2)], "#B07A4A", lw=2.2, z=1)

    s.label("trachea", "trachea", (46, 57), (21, 57))
    s.label("oesophagus", "oesophagus", (46.5, 49.3), (21, 52))
    s.label("longus_colli", "longus colli muscle", (43, 46.5), (21, 47))
    s.label("vertebral_body", "vertebral body", (42, 39), (21, 41.5))
    s.label("spinal_cord", "spinal cord", (47, 29), (21, 35))
    s.label("dura", "dura and spinal fluid", (44.6, 27.5), (21, 30))
    s.label("epidural_space", "epidural space", (44.4, 25.6), (21, 25))
    s.label("lamina", "lamina", (46, 19.5), (21, 19.5))
    s.label("spinous_process", "spinous process", (49, 11), (21, 13))
    s.label("skin", "skin of the back", (30, 2.2), (21, 5))
    s.label("jugular_vein", "internal jugular vein", (73.5, 55), (79, 59))
    s.label("carotid_artery", "carotid artery", (67.6, 54), (79, 55))
    s.label("stellate_ganglion", "stellate ganglion", (62.8, 48.2), (79, 50))
    s.label("vertebral_artery", "vertebral artery", (66.4, 41.2), (79, 44.5))
    s.label("radicular_artery", "radicular artery", (61.4, 36.1), (79, 41))
    s.label("drg", "nerve and its ganglion", (64, 35.5), (79, 37))
    s.label("foramen", "intervertebral foramen", (66, 34), (79, 33.4))
    s.label("facet_joint", "facet joint", (66, 26.8), (79, 29))
    s.label("articular_pillar", "articular pillar", (66, 30), (79, 25.5))
    s.label("medial_branch", "medial branch", (68.4, 26.5), (79, 21.5))
    s.note("front", (50, 61.2), ha="center")
    s.note("back", (36, 1.0), ha="center")
    s.route("stellate_anterior", [(60.6, 61.5), (60.4, 48.4)])
    s.route("cervical_medial_branch", [(80, 6), (68.8, 26.4)])
    return s
