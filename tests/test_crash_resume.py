"""SIGKILL during ingest, then rerun: same documents as an uninterrupted run, store intact."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from kill_resume import run  # noqa: E402


def test_kill_then_rerun_matches_uninterrupted(tmp_path):
    para = "وأضاف المتحدث أن الاجتماع تناول سبل تعزيز التعاون العسكري بين البلدين في مجالات التدريب والتكوين رقم {}."
    with open(tmp_path / "many.jsonl", "w", encoding="utf-8") as fh:
        for i in range(6000):
            fh.write(json.dumps({"url": f"https://news.example/{i}", "date_extracted": "2015-07-21 10:00:00",
                                 "content": "\n\n".join(para.format(i * 10 + k) for k in range(3))},
                                ensure_ascii=False) + "\n")
    assert run([str(tmp_path / "many.jsonl")], after=None) == 0
