import re
from pathlib import Path

from setuptools import find_packages, setup

version = re.search(r'__version__ = "([^"]+)"', Path(__file__).with_name("party_care").joinpath("__init__.py").read_text())[1]

setup(
	name="party_care",
	version=version,
	description="Party incentive, care and assistance: member and hardship register, care fund, visits, honours",
	author="party_care contributors",
	author_email="party-care@example.org",
	license="MIT",
	packages=find_packages(include=["party_care", "party_care.*"]),
	include_package_data=True,
	zip_safe=False,
	python_requires=">=3.10",
	install_requires=[],  # frappe is installed and managed by bench
)
